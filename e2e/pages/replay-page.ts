import { expect, type Locator, type Page } from '@playwright/test';

/** The replay controls as a person sees them: timeline buttons, the scrubber, the side panels. */
export class ReplayPage {
  readonly page: Page;
  readonly play: Locator;
  readonly pause: Locator;
  readonly stepForward: Locator;
  readonly stepBack: Locator;
  readonly timeline: Locator;
  readonly status: Locator;
  readonly chainRule: Locator;
  readonly inspector: Locator;
  /** The loss chart's summary of the pass picked (or of all passes). */
  readonly pickedPass: Locator;

  constructor(page: Page) {
    this.page = page;
    this.play = page.getByRole('button', { name: 'Play', exact: true });
    this.pause = page.getByRole('button', { name: 'Pause', exact: true });
    this.stepForward = page.getByRole('button', { name: 'Step forward', exact: true });
    this.stepBack = page.getByRole('button', { name: 'Step back', exact: true });
    this.timeline = page.getByRole('slider', { name: 'Timeline', exact: true });
    this.status = page.getByLabel('Current step', { exact: true });
    this.chainRule = page.getByRole('region', { name: 'Chain rule' });
    this.inspector = page.getByRole('region', { name: 'Inspector' });
    this.pickedPass = page.getByLabel('Picked pass', { exact: true });
  }

  /** Moves the scrubber to step `index` (0-based). */
  async scrubTo(index: number): Promise<void> {
    await this.timeline.fill(String(index));
  }

  /** Steps the timeline from its start until the current step's label contains `label` (at most `limit` steps). */
  async stepTo(label: string, limit = 50): Promise<void> {
    await this.scrubTo(0);
    for (let steps = 0; steps < limit; steps++) {
      if ((await this.status.textContent())?.includes(label)) break;
      await this.stepForward.click();
    }
    await expect(this.status, `a step labelled ${label}`).toContainText(label);
  }

  /** Presses a timeline shortcut; keys reach the timeline only when focus is outside the editors. */
  async pressKey(key: string): Promise<void> {
    await this.page.locator('body').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press(key);
  }

  activeNode(): Locator {
    return this.page.locator('[data-node-id].is-active');
  }

  pulses(): Locator {
    return this.page.locator('circle.gs-pulse');
  }

  // Stepping into a custom Function's recorded forward/backward (issue #5).

  stepIntoButton(): Locator {
    return this.page.getByRole('button', { name: 'Step into', exact: true });
  }

  stepOverButton(): Locator {
    return this.page.getByRole('button', { name: 'Step over', exact: true });
  }

  stepOutButton(): Locator {
    return this.page.getByRole('button', { name: 'Step out', exact: true });
  }

  locals(): Locator {
    return this.page.getByRole('region', { name: 'Locals' });
  }

  /** One local of the frame being stepped through (`grad_input`), or `return` for what came back. */
  local(name: string): Locator {
    return this.locals().locator(`[data-local="${name}"]`);
  }

  /** The line of the recorded frame lit in cell `n` (its own colour, not forward replay's). */
  frameLineNumber(n: number): Locator {
    return this.page.getByRole('group', { name: `Cell ${n}`, exact: true }).locator('.line-numbers.cell-editor__frame-number');
  }

  /** Lines of cell `n` lit as the place a backward error points at (return line, or the forward line for an anomaly). */
  errorLines(n: number): Locator {
    return this.page.getByRole('group', { name: `Cell ${n}`, exact: true }).locator('.cell-editor[data-error-lines]');
  }

  /** Clicks the glyph margin of `line` in cell `n`, toggling a breakpoint there. */
  async toggleBreakpoint(n: number, line: number): Promise<void> {
    const cell = this.page.getByRole('group', { name: `Cell ${n}`, exact: true });
    const margin = cell.locator('.glyph-margin').first();
    const lineBox = await cell
      .locator('.margin-view-overlays > div')
      .nth(line - 1)
      .boundingBox();
    const marginBox = await margin.boundingBox();
    if (!lineBox || !marginBox) throw new Error(`line ${line} of cell ${n} is not on screen`);
    await this.page.mouse.click(marginBox.x + marginBox.width / 2, lineBox.y + lineBox.height / 2);
  }

  /** Opens a snapshot file through the app's file input (no Python involved). */
  async openSnapshot(path: string): Promise<void> {
    await this.page.getByLabel('Snapshot file', { exact: true }).setInputFiles(path);
  }

  /** A graph node by its engine node id's graph id (`n1`). */
  graphNode(id: string): Locator {
    return this.page.locator(`[data-node-id="${id}"]`);
  }

  /** The lit line number in the editor of cell `n`, as Monaco draws it. */
  litLineNumber(n: number): Locator {
    return this.page.getByRole('group', { name: `Cell ${n}`, exact: true }).locator('.line-numbers.cell-editor__step-number');
  }
}
