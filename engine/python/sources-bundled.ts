/** The Python sources of the torch package, bundled into the worker by Vite at build time. */
const modules = import.meta.glob('./**/*.py', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const bundledPythonSources: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(modules)
    .filter(([path]) => !path.includes('/test/'))
    .map(([path, text]) => [path.replace(/^\.\//, ''), text]),
);
