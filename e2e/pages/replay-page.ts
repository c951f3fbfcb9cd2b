import type { Locator, Page } from '@playwright/test';

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
  }

  /** Moves the scrubber to step `index` (0-based). */
  async scrubTo(index: number): Promise<void> {
    await this.timeline.fill(String(index));
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
    const lineBox = await cell.locator('.margin-view-overlays > div').nth(line - 1).boundingBox();
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
