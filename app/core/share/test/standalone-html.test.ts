import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../../engine/trace/snapshot.ts';
import { parseSnapshotText } from '../open-snapshot.ts';
import { SNAPSHOT_ELEMENT_ID, SNAPSHOT_SLOT, standaloneHtml } from '../standalone-html.ts';

const template = `<!doctype html><html><head><title>Gradscope snapshot</title></head><body>${SNAPSHOT_SLOT}<script type="module">boot()</script></body></html>`;

/** The JSON text of the filled slot, as the viewer reads it with textContent. */
function slotText(page: string): string {
  const open = `<script type="application/json" id="${SNAPSHOT_ELEMENT_ID}">`;
  const start = page.indexOf(open) + open.length;
  return page.slice(start, page.indexOf('</script>', start));
}

describe('standaloneHtml', () => {
  it('puts the snapshot in the page so that the viewer reads back the same snapshot', () => {
    const snapshot = buildSnapshot([{ id: 'c1', source: 'x = 1\nprint(x)' }], [], { step: 3 });
    const page = standaloneHtml(template, snapshot, 'demo — Gradscope');
    const loaded = parseSnapshotText(slotText(page));
    expect(loaded.ok && loaded.snapshot).toEqual(snapshot);
    expect(page).toContain('<title>demo — Gradscope</title>');
    expect(page).toContain('<script type="module">boot()</script>');
  });

  it('keeps code that contains </script> or <!-- from ending the element or running anything', () => {
    const source = 'print("</script><script>alert(1)</script>")  # <!-- \u2028';
    const snapshot = buildSnapshot([{ id: 'c1', source }], []);
    const page = standaloneHtml(template, snapshot, 'a <b>&"title"');
    // One JSON element, whose text parses back to the very same source.
    expect(page.split('</script>').length).toBe(template.split('</script>').length);
    const loaded = parseSnapshotText(slotText(page));
    expect(loaded.ok && loaded.snapshot.cells[0]!.source).toBe(source);
    expect(page).toContain('<title>a &lt;b&gt;&amp;&quot;title&quot;</title>');
  });

  it('says the viewer is missing rather than writing a page without the snapshot', () => {
    expect(() => standaloneHtml('<html></html>', buildSnapshot([], []), 't')).toThrow(/npm run build/);
  });
});
