import { expect, type Locator, type Page } from '@playwright/test';
import { codeLinkHash } from '../../app/core/share/code-link.ts';

/** Loading Python takes ~10 s when the machine is idle, much longer when it is busy. */
export const PYTHON_LOAD_TIMEOUT = 180_000;

/** The notebook as a person sees it: cells, their outputs, the toolbar and the kernel status. */
export class NotebookPage {
  readonly page: Page;
  readonly runAllButton: Locator;
  readonly stopButton: Locator;
  readonly restartButton: Locator;
  readonly kernelStatus: Locator;
  readonly graph: Locator;
  readonly addCellButton: Locator;
  readonly fitGraphButton: Locator;
  /** The app's banner (Python crashed, Stop restarted it, a link could not be read). */
  readonly banner: Locator;

  constructor(page: Page) {
    this.page = page;
    this.runAllButton = page.getByRole('button', { name: 'Run all', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true });
    this.restartButton = page.getByRole('button', { name: 'Restart', exact: true });
    this.kernelStatus = page.getByRole('status', { name: 'Kernel status' });
    this.graph = page.getByRole('region', { name: 'Computation graph' });
    this.addCellButton = page.getByRole('button', { name: 'Add cell', exact: true });
    this.fitGraphButton = page.getByRole('button', { name: 'Fit graph to view' });
    this.banner = page.locator('.banner:not(.library-banner):not(.storage-banner)');
  }

  /** The notice the app adds under a cell's output (stopped, crashed, interrupted by reload). */
  noticeOf(n: number): Locator {
    return this.output(n).locator('.output--notice');
  }

  /** Opens the app (optionally at a `#code=` link or other hash) and waits for the first cell's editor. */
  async open(hash = ''): Promise<void> {
    await this.page.goto(`/${hash}`);
    await expect(this.editorOf(1)).toBeVisible();
  }

  async waitForKernelReady(): Promise<void> {
    await expect(this.kernelStatus).toHaveText(/Ready/, { timeout: PYTHON_LOAD_TIMEOUT });
  }

  cell(n: number): Locator {
    return this.page.getByRole('group', { name: `Cell ${n}`, exact: true });
  }

  output(n: number): Locator {
    return this.page.getByRole('log', { name: `Output of cell ${n}`, exact: true });
  }

  editorOf(n: number): Locator {
    return this.cell(n).locator('.monaco-editor');
  }

  /** The cell's code as the editor holds it (Monaco renders non-breaking spaces; they read as spaces). */
  async codeOf(n: number): Promise<string> {
    // Monaco loads after the first paint (the cell shows a plain text area until then).
    await expect(this.editorOf(n)).toBeVisible();
    const lines = await this.editorOf(n).locator('.view-lines .view-line').allInnerTexts();
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  /** Replaces the cell's code by typing it, key by key, as a person would. */
  async typeIntoCell(n: number, code: string): Promise<void> {
    await this.focusCell(n);
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    for (const [index, line] of code.split('\n').entries()) {
      if (index > 0) {
        await this.page.keyboard.press('Enter');
        // Monaco auto-indents after a colon; typed code carries its own indentation.
        await this.page.keyboard.press('Shift+Home');
        await this.page.keyboard.press('Delete');
      }
      await this.page.keyboard.type(line);
    }
  }

  /**
   * Pastes `code` into the cell, replacing what it held: one paste event carrying the text, as the
   * browser sends for Ctrl+V, so a whole program file goes in exactly as it is (typing it would
   * meet Monaco's auto-indent and auto-closing brackets on every line).
   */
  async pasteIntoCell(n: number, code: string): Promise<void> {
    await this.focusCell(n);
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.evaluate((text) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', text);
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, code);
    await expect.poll(() => this.codeOf(n)).toBe(code);
  }

  /** How many cells the notebook has (code and markdown). */
  cellCount(): Promise<number> {
    return this.page.getByRole('group', { name: /^Cell \d+$/ }).count();
  }

  /** Adds an empty code cell at the end with the Add cell button and returns its number. */
  async appendCell(): Promise<number> {
    await this.addCellButton.click();
    const n = await this.cellCount();
    await expect(this.editorOf(n)).toBeVisible();
    return n;
  }

  async focusCell(n: number): Promise<void> {
    await this.editorOf(n).click();
    await expect(this.editorOf(n)).toContainClass('focused');
  }

  async runCellAndAdvance(n: number): Promise<void> {
    await this.focusCell(n);
    await this.page.keyboard.press('Shift+Enter');
  }

  async runCellByButton(n: number): Promise<void> {
    await this.cell(n).getByRole('button', { name: 'Run cell', exact: true }).click();
  }

  /**
   * Opens a `#code=` link as a fresh page load. Going from one `#code=` link to another on the same page
   * only changes the fragment, which reloads nothing; the app reads the link once, at start-up.
   */
  async openFresh(hash: string): Promise<void> {
    await this.page.goto('about:blank');
    await this.open(hash);
  }

  /**
   * Opens `code` as a `#code=` link (a fresh page load, so a fresh Python), runs the first cell with
   * its button and waits for the run to finish. `beforeRun` sets up the page first (a toggle, say).
   */
  async runFromLink(code: string, beforeRun?: () => Promise<void>): Promise<void> {
    await this.openFresh(codeLinkHash(code));
    await beforeRun?.();
    await this.runCellByButton(1);
    await expect(this.executionCount(1)).toHaveText('[1]', { timeout: PYTHON_LOAD_TIMEOUT });
  }

  /**
   * In a page whose Python is already up (the worker's shared page): a new, empty notebook from the
   * Notebooks menu. Each notebook gets a fresh Python, and an idle Python forgets its variables in
   * place, so the new notebook starts a fresh session (numbering from [1], no graph, no variables)
   * without loading Python again.
   */
  async openNewNotebook(): Promise<void> {
    // The open notebook's first cell is marked, so that its going away shows the switch happened.
    await this.cell(1).evaluate((cell) => cell.setAttribute('data-e2e-previous-notebook', ''));
    await this.page.getByRole('button', { name: 'Notebooks', exact: true }).click();
    await this.page.getByRole('dialog', { name: 'Notebooks' }).getByRole('button', { name: 'New notebook' }).click();
    await expect(this.page.locator('[data-e2e-previous-notebook]')).toHaveCount(0);
    await expect(this.page.getByRole('textbox', { name: 'Notebook title' })).toHaveValue('Untitled');
    await expect(this.page.getByRole('group', { name: /^Cell \d+$/ })).toHaveCount(1);
    await expect(this.executionCount(1)).toHaveText('[ ]');
    await expect(this.graphNodes()).toHaveCount(0);
    // A Python busy at the switch is replaced (booted again), not reset in place.
    await this.waitForKernelReady();
  }

  /**
   * runFromLink's counterpart in a notebook opened by openNewNotebook: `code` pasted into the first
   * cell (`beforeRun` sets up the page first), run with its button, waiting for the run to finish.
   */
  async runInFirstCell(code: string, beforeRun?: () => Promise<void>): Promise<void> {
    await this.pasteIntoCell(1, code);
    await beforeRun?.();
    await this.runCellByButton(1);
    await expect(this.executionCount(1)).toHaveText('[1]', { timeout: PYTHON_LOAD_TIMEOUT });
  }

  /**
   * Everything the cell printed to stdout, exactly: text content keeps newlines and spaces that
   * `toHaveText` would normalise, and adjacent prints are merged into one block by the store.
   */
  async stdoutOf(n: number): Promise<string> {
    const blocks = await this.output(n).locator('.output--stdout').allTextContents();
    return blocks.join('');
  }

  executionCount(n: number): Locator {
    return this.cell(n).getByLabel('Execution count');
  }

  /** Graph nodes are SVG elements carrying `data-op` (leaf, MulBackward0, ...). */
  graphNodes(op?: string): Locator {
    return this.page.locator(op ? `[data-node-id][data-op="${op}"]` : '[data-node-id]');
  }
}
