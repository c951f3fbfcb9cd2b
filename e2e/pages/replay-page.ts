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

  /** The lit line number in the editor of cell `n`, as Monaco draws it. */
  litLineNumber(n: number): Locator {
    return this.page.getByRole('group', { name: `Cell ${n}`, exact: true }).locator('.line-numbers.cell-editor__step-number');
  }
}
