/**
 * What one browser context kept in the app's Cache Storage (Python's start-up snapshot, whatever
 * its key or format), copied into other, new contexts before the app loads there. Each test has a
 * context of its own with empty storage, so without this every page would start Python cold:
 * ~15 s of CPU on this 2-core machine instead of ~2 s from the snapshot.
 *
 * The bytes travel through a small HTTP server of this Playwright worker (the page fetches them
 * directly), not through Playwright's protocol, which would carry each 30 MB as base64 text.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';

/** One Cache Storage entry: the cache it sits in, the request URL it is kept under, its bytes. */
interface CachedEntry {
  readonly cacheName: string;
  readonly requestUrl: string;
  readonly contentType: string;
  body?: Buffer;
}

export interface CacheMirror {
  /** Puts every copied entry into `context`'s Cache Storage for the app's origin. */
  seed(context: BrowserContext): Promise<void>;
  close(): Promise<void>;
}

/** The path of a page on the app's origin that the tests' routing answers with an empty document. */
const BLANK_PATH = '/__e2e-cache-mirror';

// The page (http://localhost) reaches the worker's server (127.0.0.1) only with this permission.
const LOOPBACK = ['local-network-access'];

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, PUT',
  'access-control-allow-headers': 'content-type',
  'access-control-allow-private-network': 'true',
};

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** GET /N answers entry N's bytes; PUT /N stores them. */
function serveEntries(entries: CachedEntry[]): Server {
  return createServer((request, response) => {
    const entry = entries[Number(request.url?.slice(1))];
    if (request.method === 'OPTIONS' || !entry) {
      response.writeHead(entry ? 204 : 404, CORS_HEADERS).end();
    } else if (request.method === 'PUT') {
      void readBody(request).then((body) => {
        entry.body = body;
        response.writeHead(204, CORS_HEADERS).end();
      });
    } else {
      response.writeHead(200, { ...CORS_HEADERS, 'content-type': entry.contentType }).end(entry.body);
    }
  });
}

/**
 * A page of `context` on the app's origin that loads nothing: Cache Storage is per origin, and the
 * app must not start (nor its Content-Security-Policy keep the page from reaching the server).
 */
async function openBlankPage(context: BrowserContext, origin: string): Promise<Page> {
  await context.grantPermissions(LOOPBACK, { origin });
  const page = await context.newPage();
  await page.route(`${origin}${BLANK_PATH}`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Cache Storage</title>' }));
  await page.goto(`${origin}${BLANK_PATH}`);
  return page;
}

async function closeBlankPage(page: Page): Promise<void> {
  await page.close();
  // The context ends up with no permission its test did not ask for.
  await page.context().clearPermissions();
}

/**
 * Copies the Cache Storage that `context` holds for the app's `origin` (read after the app finished
 * writing there) into a mirror that can seed new contexts.
 */
export async function mirrorCacheStorage(context: BrowserContext, origin: string): Promise<CacheMirror> {
  const page = await openBlankPage(context, origin);
  const entries: CachedEntry[] = await page.evaluate(async () => {
    const found: CachedEntry[] = [];
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        const contentType = (await cache.match(request))?.headers.get('content-type') ?? 'application/octet-stream';
        found.push({ cacheName, requestUrl: request.url, contentType });
      }
    }
    return found;
  });
  const server = serveEntries(entries);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const locations = { entries: entries.map(({ cacheName, requestUrl }) => ({ cacheName, requestUrl })), serverUrl };

  await page.evaluate(async ({ entries, serverUrl }) => {
    for (const [index, { cacheName, requestUrl }] of entries.entries()) {
      const response = await (await caches.open(cacheName)).match(requestUrl);
      await fetch(`${serverUrl}/${index}`, { method: 'PUT', body: await response!.blob() });
    }
  }, locations);
  await closeBlankPage(page);

  return {
    async seed(context) {
      const page = await openBlankPage(context, origin);
      await page.evaluate(async ({ entries, serverUrl }) => {
        for (const [index, { cacheName, requestUrl }] of entries.entries()) {
          await (await caches.open(cacheName)).put(requestUrl, await fetch(`${serverUrl}/${index}`));
        }
      }, locations);
      await closeBlankPage(page);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
