import { expect, type Locator, type Page } from '@playwright/test';

/** The notebook library in the header: title, save status, the Notebooks and Examples menus, the two-tab banner. */
export class LibraryPage {
  readonly page: Page;
  readonly title: Locator;
  readonly saveStatus: Locator;
  readonly notebooksButton: Locator;
  readonly examplesButton: Locator;
  readonly readOnlyBanner: Locator;
  readonly takeOverButton: Locator;
  /** Stored notebooks that could not be opened, or storage cleared under the page. */
  readonly storageNotice: Locator;
  /** A failed save, in words, with the export buttons beside it. */
  readonly saveErrorBanner: Locator;

  constructor(page: Page) {
    this.page = page;
    this.title = page.getByRole('textbox', { name: 'Notebook title' });
    this.saveStatus = page.getByRole('status', { name: 'Save status' });
    this.notebooksButton = page.getByRole('button', { name: 'Notebooks', exact: true });
    this.examplesButton = page.getByRole('button', { name: 'Examples', exact: true });
    this.readOnlyBanner = page.locator('.library-banner');
    this.takeOverButton = page.getByRole('button', { name: 'Take over here' });
    this.storageNotice = page.getByRole('alert', { name: 'Storage notice' });
    this.saveErrorBanner = page.getByRole('alert', { name: 'Save failed' });
  }

  notebooksMenu(): Locator {
    return this.page.getByRole('dialog', { name: 'Notebooks' });
  }

  async waitUntilSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveText('Saved');
  }

  async rename(title: string): Promise<void> {
    await this.title.fill(title);
    await this.title.press('Enter');
  }

  async createNotebook(): Promise<void> {
    await this.notebooksButton.click();
    await this.notebooksMenu().getByRole('button', { name: 'New notebook' }).click();
  }

  /** Opens the notebook of that title from the Notebooks menu. */
  async openNotebook(title: string): Promise<void> {
    await this.notebooksButton.click();
    await this.notebooksMenu()
      .getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) })
      .click();
    await expect(this.title).toHaveValue(title);
  }

  async notebookTitles(): Promise<string[]> {
    await this.notebooksButton.click();
    const titles = await this.notebooksMenu().locator('.notebooks-menu__title').allTextContents();
    await this.notebooksButton.click();
    return titles;
  }

  async openExample(title: string): Promise<void> {
    await this.examplesButton.click();
    await this.page
      .getByRole('dialog', { name: 'Examples' })
      .getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) })
      .click();
    await expect(this.title).toHaveValue(title);
  }

  /** A markdown cell's rendered view. */
  renderedMarkdown(cellNumber: number): Locator {
    return this.page.getByRole('article', { name: `Rendered markdown of cell ${cellNumber}` });
  }

  markdownSource(cellNumber: number): Locator {
    return this.page.getByRole('textbox', { name: `Markdown of cell ${cellNumber}` });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
