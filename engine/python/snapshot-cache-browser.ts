/**
 * Browser only: the page's Pyodide snapshot kept in Cache Storage, so every page load after the
 * first starts Python from it (see snapshot-loader.ts). One snapshot is kept: writing a new one
 * drops the others (another Pyodide's, or a damaged one). Where Cache Storage is unavailable (an
 * insecure origin, storage refused) Python simply starts fresh each time.
 */
import type { SnapshotStore } from './snapshot-loader.ts';

const CACHE_NAME = 'gradscope-python-snapshot';

/** Cache Storage keys are requests: a URL under the app's own origin that is never fetched. */
function requestFor(key: string): string {
  return new URL(`/.gradscope-snapshot/${key}`, self.location.origin).href;
}

async function openCache(): Promise<Cache | undefined> {
  if (typeof caches === 'undefined') return undefined;
  return caches.open(CACHE_NAME);
}

export function cacheSnapshotStore(): SnapshotStore {
  return {
    async read(key) {
      const response = await (await openCache())?.match(requestFor(key));
      return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    async write(key, bytes) {
      const cache = await openCache();
      if (!cache) return;
      for (const request of await cache.keys()) await cache.delete(request);
      await cache.put(requestFor(key), new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
    },
    async remove(key) {
      await (await openCache())?.delete(requestFor(key));
    },
  };
}
