/**
 * A stored trace in parts. IndexedDB copies a value (structured clone) inside `put`, on the page's
 * thread: one put of a 20,000-event trace was one long task. A long trace is stored as its first
 * TRACE_PART_EVENTS events in the trace record (which says how many parts follow) plus one record
 * per further part, each put from the success of the one before: the same transaction, so the
 * trace is stored whole or not at all, but each copy in a task of its own. A short trace stays one
 * record, as before. Framework-free; IndexedDB only.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { NOTEBOOK_RECORD_VERSION, type TraceRecord } from './notebook-record.ts';

/** Events per stored record: 1,000 took up to 170 ms to copy at load average 17 on 2 cores. */
export const TRACE_PART_EVENTS = 250;

/** Whether `events` is stored in more than one record. */
export const isPartedTrace = (events: readonly TraceEvent[]): boolean => events.length > TRACE_PART_EVENTS;

/** The trace record of a long trace: its first part and how many records follow it. */
export interface PartedTraceRecord extends TraceRecord {
  readonly followingParts?: number;
}

/** Keys of the further parts sort after the notebook's id and before any other id that starts with it. */
const PART_SEPARATOR = '\u0000';
const partKey = (notebookId: string, part: number): string => `${notebookId}${PART_SEPARATOR}${String(part).padStart(6, '0')}`;

/** Every further part of a notebook's trace, whatever their number. */
export const partsRange = (notebookId: string): IDBKeyRange => IDBKeyRange.bound(`${notebookId}${PART_SEPARATOR}`, `${notebookId}\u0001`, false, true);

/**
 * Writes `events` as the trace of `notebookId` in `traces` (a store of a readwrite transaction),
 * replacing any parts stored before. The first put is issued at once; `onIssued` is called after
 * the last one, when the transaction may be committed.
 */
export function putTraceInParts(traces: IDBObjectStore, notebookId: string, events: readonly TraceEvent[], onIssued: () => void): void {
  traces.delete(partsRange(notebookId));
  const partCount = isPartedTrace(events) ? Math.ceil(events.length / TRACE_PART_EVENTS) : 1;
  const part = (index: number) => events.slice(index * TRACE_PART_EVENTS, (index + 1) * TRACE_PART_EVENTS);
  const first: PartedTraceRecord = {
    schemaVersion: NOTEBOOK_RECORD_VERSION,
    notebookId,
    events: partCount === 1 ? events : part(0),
    ...(partCount > 1 && { followingParts: partCount - 1 }),
  };
  const putFrom = (index: number): void => {
    if (index >= partCount) {
      onIssued();
      return;
    }
    const record: TraceRecord = { schemaVersion: NOTEBOOK_RECORD_VERSION, notebookId: partKey(notebookId, index), events: part(index) };
    // The transaction stays active in a request's success handler: the next put keeps it open.
    traces.put(record).onsuccess = () => putFrom(index + 1);
  };
  const request = traces.put(first);
  if (partCount === 1) onIssued();
  else request.onsuccess = () => putFrom(1);
}

/**
 * The events of a stored trace record and its parts, read from `traces` (a readonly store), or
 * null when the record is missing, from a newer version, or its parts are not all there.
 */
export async function readTraceParts(
  traces: IDBObjectStore,
  notebookId: string,
  promisify: <T>(request: IDBRequest<T>) => Promise<T>,
): Promise<readonly TraceEvent[] | null> {
  const first = (await promisify(traces.get(notebookId))) as PartedTraceRecord | undefined;
  if (!first || first.schemaVersion > NOTEBOOK_RECORD_VERSION || !Array.isArray(first.events)) return null;
  const following = first.followingParts ?? 0;
  if (following === 0) return first.events;
  // One request per part: each is read back in a task of its own, as it was written.
  const parts = await Promise.all(
    Array.from({ length: following }, (_, i) => promisify(traces.get(partKey(notebookId, i + 1))) as Promise<TraceRecord | undefined>),
  );
  if (parts.some((part) => !part || !Array.isArray(part.events))) return null;
  return first.events.concat(...parts.map((part) => part!.events));
}
