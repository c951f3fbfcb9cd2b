/**
 * What shows a recording, in the app and in the standalone viewer alike: the graph with the step's
 * details beside it, and the timeline with the loss chart below.
 */
import { GraphSlot } from './graph/GraphSlot.tsx';
import { ChainRule } from './inspector/ChainRule.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { LocalsPanel } from './frames/LocalsPanel.tsx';
import { LossChart } from './timeline/LossChart.tsx';
import { Timeline } from './timeline/Timeline.tsx';

export function GraphAndDetails() {
  return (
    <div className="app__visual">
      <section className="app__graph" aria-label="Computation graph">
        <GraphSlot />
      </section>
      <aside className="app__side" aria-label="Step details">
        <LocalsPanel />
        <ChainRule />
        <Inspector />
      </aside>
    </div>
  );
}

export function TimelineFooter() {
  return (
    <footer className="app__timeline">
      <Timeline />
      <LossChart />
    </footer>
  );
}
