/**
 * Times layout of a ~2,000-node nested-module graph (docs/layout.md, "Module groups"):
 * `npx tsx app/components/graph/harness/measure-groups.ts`. Median of 5 runs after one warm-up, wall and CPU time.
 */
import { buildGraph } from '../../../core/graph/build-graph.ts';
import { layoutModelSync } from '../../../core/graph/layout.ts';
import { defaultCollapsedGroups, groupGraph } from '../../../core/graph/module-groups.ts';
import { moduleModelTrace } from '../../../core/graph/test/fixtures/synthetic-traces.ts';

const model = buildGraph(moduleModelTrace(400), undefined, { names: 'final' });
const cases = {
  'all groups expanded': groupGraph(model, new Set()),
  'default (top-level modules collapsed)': groupGraph(model, defaultCollapsedGroups(model)),
};
for (const [name, grouped] of Object.entries(cases)) {
  layoutModelSync(grouped);
  // CPU time as well as wall time: on a shared machine the wall clock mostly measures the others.
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    layoutModelSync(grouped);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    times.push(performance.now() - start);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!.toFixed(0);
  console.log(`${model.nodes.length} nodes, ${name} (${grouped.nodes.length} view nodes): median ${median(times)} ms wall, ${median(cpuTimes)} ms CPU`);
}
