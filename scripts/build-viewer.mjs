// Builds the standalone viewer (viewer.html → app/viewer/main.tsx) into ONE self-contained page,
// `gradscope-viewer.html`: script and styles inline, a Content-Security-Policy that allows no
// network, and an empty JSON slot the app's "Download as web page" fills with a snapshot.
// vite.config.ts runs it after every production build; `node scripts/build-viewer.mjs [outDir]` alone.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const VIEWER_FILE = 'gradscope-viewer.html';

/** Inline script text that cannot close its own element early. */
const scriptSafe = (code) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

export async function buildViewer(outDir = join(ROOT, 'dist')) {
  const temp = mkdtempSync(join(tmpdir(), 'gradscope-viewer-'));
  try {
    await build({
      configFile: false,
      root: ROOT,
      logLevel: 'warn',
      build: {
        outDir: temp,
        emptyOutDir: true,
        target: 'es2022',
        modulePreload: false,
        cssCodeSplit: false,
        assetsInlineLimit: Number.MAX_SAFE_INTEGER,
        rollupOptions: { input: join(ROOT, 'viewer.html'), output: { codeSplitting: false } },
      },
    });
    const assets = join(temp, 'assets');
    const files = readdirSync(assets);
    const js = files.filter((name) => name.endsWith('.js') && name.startsWith('viewer'));
    const css = files.filter((name) => name.endsWith('.css'));
    if (js.length !== 1) throw new Error(`expected one viewer script, found ${files.join(', ')}`);
    const script = scriptSafe(readFileSync(join(assets, js[0]), 'utf8'));
    const styles = css.map((name) => readFileSync(join(assets, name), 'utf8').replace(/<\/(style)/gi, '<\\/$1')).join('\n');
    const hash = createHash('sha256').update(script).digest('base64');
    const policy = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'`;
    let html = readFileSync(join(temp, 'viewer.html'), 'utf8');
    html = html.replace(/\s*<script type="module"[^>]*src="[^"]*"><\/script>/, '').replace(/\s*<link rel="stylesheet"[^>]*>/g, '');
    // Function replacers: the code is full of `$&`-like text a replacement string would expand.
    html = html.replace('<meta charset="UTF-8" />', () => `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    html = html.replace('</head>', () => `  <style>\n${styles}\n</style>\n  </head>`);
    html = html.replace('</body>', () => `  <script type="module">${script}</script>\n  </body>`);
    writeFileSync(join(outDir, VIEWER_FILE), html);
    return { bytes: Buffer.byteLength(html) };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes } = await buildViewer(process.argv[2]);
  console.log(`${VIEWER_FILE}: ${(bytes / 1024).toFixed(0)} KiB`);
}
