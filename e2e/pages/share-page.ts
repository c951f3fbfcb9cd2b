import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Sharing and files as a person sees them: the Share dialog, the File menu, the graph's export buttons. */
export class SharePage {
  readonly page: Page;
  readonly shareButton: Locator;
  readonly shareDialog: Locator;
  readonly shareLink: Locator;
  readonly fileMenu: Locator;
  readonly notebookFileInput: Locator;
  readonly snapshotFileInput: Locator;
  readonly banner: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shareButton = page.getByRole('button', { name: 'Share', exact: true });
    this.shareDialog = page.getByRole('dialog', { name: 'Share' });
    this.shareLink = page.getByLabel('Share link', { exact: true });
    this.fileMenu = page.getByRole('button', { name: 'File', exact: true });
    this.notebookFileInput = page.getByLabel('Notebook file', { exact: true });
    this.snapshotFileInput = page.getByLabel('Snapshot file', { exact: true });
    this.banner = page.locator('.banner');
  }

  /** Clicks Share and returns the link it made (as shown in the dialog). */
  async makeLink(): Promise<string> {
    await this.shareButton.click();
    await expect(this.shareLink).toBeVisible();
    return this.shareLink.inputValue();
  }

  /** Runs `action` and returns the download it starts. */
  async download(action: () => Promise<void>): Promise<Download> {
    const downloading = this.page.waitForEvent('download');
    await action();
    return downloading;
  }

  async exportFromFileMenu(
    item: 'Export as Python (.py)' | 'Export as Jupyter (.ipynb)' | 'Save snapshot (.json)' | 'Download as web page (.html)',
  ): Promise<Download> {
    return this.download(async () => {
      await this.fileMenu.click();
      await this.page.getByRole('menuitem', { name: item, exact: true }).click();
    });
  }

  /** Drops a file on the page, as dragging it from the desktop does. */
  async dropFile(name: string, text: string, type: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, text, type }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type }));
        return transfer;
      },
      { name, text, type },
    );
    await this.page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await this.page.dispatchEvent('body', 'drop', { dataTransfer });
  }

  exportGraphButton(format: 'SVG' | 'PNG'): Locator {
    return this.page.getByRole('button', { name: `Export graph as ${format}`, exact: true });
  }
}
