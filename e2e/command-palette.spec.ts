import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, PYTHON_LOAD_TIMEOUT, test, withoutPython } from './fixtures.ts';
import { ReplayPage } from './pages/replay-page.ts';

const MYRELU_SNAPSHOT = fileURLToPath(new URL('../app/core/trace/test/fixtures/myrelu.snapshot.json', import.meta.url));

/** The command palette as a person uses it: open with Ctrl/Cmd+Shift+P, type, pick. */
class Palette {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly options: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Command palette' });
    this.input = this.dialog.getByRole('combobox', { name: 'Type a command' });
    this.options = this.dialog.getByRole('option');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+Shift+P');
    await expect(this.input).toBeFocused();
  }

  option(label: string): Locator {
    return this.options.filter({ has: this.page.getByText(label, { exact: true }) });
  }

  /** The key hint the palette shows beside `label`. */
  async hintOf(label: string): Promise<string> {
    await this.input.fill(label);
    return (await this.option(label).locator('kbd').textContent()) ?? '';
  }
}

test('the palette lists the enabled commands with the key hints their buttons show, and gives focus back', async ({ notebook, page }) => {
  await withoutPython(page);
  await notebook.open();
  const palette = new Palette(page);
  await notebook.focusCell(1);

  await palette.open();
  await expect(palette.option('Run all')).toBeVisible();
  await expect(palette.option('Export as Jupyter (.ipynb)')).toBeVisible();
  // Disabled commands are not offered: Stop with nothing running, stepping with nothing recorded.
  await expect(palette.option('Stop')).toHaveCount(0);
  await expect(palette.option('Step forward')).toHaveCount(0);

  const runAllHint = await palette.hintOf('Run all');
  expect(runAllHint).toBe('Ctrl+Shift+Enter');
  await expect(notebook.runAllButton).toHaveAttribute('title', `Run all (${runAllHint})`);
  const runCellHint = await palette.hintOf('Run cell');
  expect(runCellHint).toBe('Ctrl+Enter');
  await expect(notebook.cell(1).getByRole('button', { name: 'Run cell', exact: true })).toHaveAttribute('title', `Run cell (${runCellHint})`);

  // Typing filters; Enter runs the chosen command; the palette closes.
  await palette.input.fill('add markdown');
  await expect(palette.options).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(palette.dialog).toBeHidden();
  const markdown = page.getByRole('textbox', { name: 'Markdown of cell 2' });
  await expect(markdown).toBeFocused();
  // Shift+Enter in a markdown cell is the same registered command: it renders and moves on to a new cell.
  await markdown.fill('# Chain rule');
  await markdown.press('Shift+Enter');
  await expect(page.getByRole('article', { name: 'Rendered markdown of cell 2' }).getByRole('heading', { level: 1 })).toHaveText('Chain rule');
  await expect(notebook.editorOf(3)).toContainClass('focused');

  // Escape closes it and puts focus back where it was.
  await notebook.focusCell(1);
  await palette.open();
  await palette.input.fill('no such command at all');
  await expect(palette.dialog.getByRole('status')).toContainText('No command matches');
  await page.keyboard.press('Escape');
  await expect(palette.dialog).toBeHidden();
  await expect(notebook.editorOf(1)).toContainClass('focused');

  // F1 opens it too.
  await page.keyboard.press('F1');
  await expect(palette.input).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette.dialog).toBeHidden();
});

test('a recorded run: timeline hints match the palette, ← → and space still step and play, F9 sets a breakpoint', async ({ notebook, page }) => {
  await withoutPython(page);
  const replay = new ReplayPage(page);
  await page.goto('/');
  await replay.openSnapshot(MYRELU_SNAPSHOT);
  await expect(notebook.graphNodes('MyReLUBackward')).toHaveCount(1);
  await replay.scrubTo(0);

  const palette = new Palette(page);
  await palette.open();
  for (const [label, button] of [
    ['Step forward', replay.stepForward],
    ['Play', replay.play],
  ] as const) {
    const hint = await palette.hintOf(label);
    expect(hint.length, `a key hint for ${label}`).toBeGreaterThan(0);
    await expect(button).toHaveAttribute('title', new RegExp(`\\(${hint.replace(/[()]/g, '\\$&')}\\)$`));
  }
  expect(await palette.hintOf('Step forward')).toBe('→');
  await page.keyboard.press('Escape');

  // The timeline's keys, with focus on the page.
  await expect(replay.status).toContainText(/^1\//);
  await replay.pressKey('ArrowRight');
  await expect(replay.status).toContainText(/^2\//);
  await replay.pressKey('ArrowLeft');
  await expect(replay.status).toContainText(/^1\//);
  await replay.pressKey(' ');
  await expect(replay.pause).toBeVisible();
  await replay.pressKey(' ');
  await expect(replay.play).toBeVisible();

  // F9 in the editor toggles a breakpoint on the cursor's line (line 14 ran inside the recorded backward).
  await notebook.focusCell(1);
  await page.keyboard.press('ControlOrMeta+Home');
  for (let line = 1; line < 14; line++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('F9');
  await expect(notebook.cell(1).locator('.cell-editor')).toHaveAttribute('data-breakpoints', '14');
  await page.keyboard.press('F9');
  await expect(notebook.cell(1).locator('.cell-editor')).not.toHaveAttribute('data-breakpoints', /./);
  // Arrows in the editor move its cursor, not the timeline.
  const status = await replay.status.textContent();
  await page.keyboard.press('ArrowRight');
  await expect(replay.status).toHaveText(status ?? '');
});

test('a cell runs from the palette, and Ctrl+Enter and Ctrl+Shift+Enter still run from the editor', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  await notebook.typeIntoCell(1, 'print(6 * 7)');
  const palette = new Palette(page);
  await palette.open();
  await palette.input.fill('run cell');
  await palette.option('Run cell').click();
  await expect(palette.dialog).toBeHidden();
  await expect(notebook.output(1)).toHaveText('42', { timeout: PYTHON_LOAD_TIMEOUT });
  await expect(notebook.executionCount(1)).toHaveText('[1]');

  await notebook.focusCell(1);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(notebook.executionCount(1)).toHaveText('[2]');
  // Ctrl+Enter ran the cell and did not insert a line into it (Monaco's own Ctrl+Enter).
  expect(await notebook.codeOf(1)).toBe('print(6 * 7)');
  await page.keyboard.press('ControlOrMeta+Shift+Enter');
  await expect(notebook.executionCount(1)).toHaveText('[3]');
});
