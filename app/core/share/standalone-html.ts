/**
 * A snapshot as one self-contained web page: the viewer (script and styles inline, built once by
 * `npm run build` into `gradscope-viewer.html`) with the snapshot's JSON placed in it. The page's
 * Content-Security-Policy allows no network at all, so it opens from disk, a course site or an
 * `<iframe>` and never loads anything.
 */
import type { Snapshot } from '../../../engine/trace/snapshot.ts';

export const SNAPSHOT_ELEMENT_ID = 'gradscope-snapshot';
/** Where the exporter puts the snapshot: the content of the viewer's empty JSON script element. */
export const SNAPSHOT_SLOT = `<script type="application/json" id="${SNAPSHOT_ELEMENT_ID}"></script>`;
/** Where the built viewer is served from (next to index.html). */
export const VIEWER_TEMPLATE_PATH = 'gradscope-viewer.html';

/** JSON that cannot end its `<script>` element or open a comment, whatever strings it holds. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function standaloneHtml(template: string, snapshot: Snapshot, title: string): string {
  const at = template.indexOf(SNAPSHOT_SLOT);
  if (at < 0) throw new Error('The viewer page has no place for a snapshot (was it built by `npm run build`?).');
  const filled = `<script type="application/json" id="${SNAPSHOT_ELEMENT_ID}">${scriptSafeJson(snapshot)}</script>`;
  const page = template.slice(0, at) + filled + template.slice(at + SNAPSHOT_SLOT.length);
  return page.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)}</title>`);
}
