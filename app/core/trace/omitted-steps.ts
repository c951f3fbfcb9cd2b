/**
 * What a run past the recorder's bound only counted (`trace-summary` events, engine/trace/event-budget.ts),
 * in words for the timeline: the steps shown are the ones recorded in detail.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';

type TraceSummary = Extract<TraceEvent, { kind: 'trace-summary' }>;

const count = (n: number): string => n.toLocaleString('en-US');

/** `Only the first 100,000 events of a run are recorded as steps; 1,899,998 more were counted: 899,999 mul on line 4, …`. */
export function omittedStepsText(events: readonly TraceEvent[]): string | undefined {
  const summaries = events.filter((event): event is TraceSummary => event.kind === 'trace-summary');
  if (summaries.length === 0) return undefined;
  const omitted = summaries.reduce((sum, summary) => sum + summary.omitted, 0);
  const limit = summaries[0]!.limit;
  const top = summaries
    .flatMap((summary) => summary.counts)
    .filter((entry) => entry.kind === 'op' || entry.kind === 'backward-step')
    .sort((a, b) => b.count - a.count)
    .slice(0, 3)
    .map((entry) => {
      const what = entry.kind === 'op' ? `${entry.op ?? 'op'}` : `backward ${entry.op ?? 'step'}`;
      return `${count(entry.count)} ${what}${entry.loc ? ` on line ${entry.loc.line}` : ''}`;
    });
  const runs = summaries.length === 1 ? 'a run' : `each of ${summaries.length} runs`;
  return `Only the first ${count(limit)} events of ${runs} are steps; ${count(omitted)} more were only counted${top.length > 0 ? `: ${top.join(', ')}` : ''}.`;
}

const cache = new WeakMap<readonly TraceEvent[], string | null>();

/** omittedStepsText, computed once per trace array (the store replaces the array on change). */
export function omittedStepsTextOf(events: readonly TraceEvent[]): string | undefined {
  let text = cache.get(events);
  if (text === undefined) {
    text = omittedStepsText(events) ?? null;
    cache.set(events, text);
  }
  return text ?? undefined;
}
