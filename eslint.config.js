// ESLint (flat config). TypeScript is parsed by Babel's TypeScript syntax: typescript-eslint's
// parser needs TypeScript's JavaScript API, which TypeScript 7 (the native compiler we type-check
// with) does not ship. Type errors and unused names are tsc's job (`npx tsc`); these rules keep the
// layers apart, which tsc cannot see, plus a few plain-JavaScript mistakes.
import babelParser from '@babel/eslint-parser';

const typescript = (isTSX) => ({
  parser: babelParser,
  parserOptions: {
    requireConfigFile: false,
    // Only .tsx files may hold JSX: in a .ts file `<T>(x) => x` is a generic arrow function.
    babelOptions: { babelrc: false, configFile: false, parserOpts: { plugins: isTSX ? ['typescript', 'jsx'] : ['typescript'] } },
  },
});

/** What app/core may not import: React and what renders. Its zustand stores are vanilla ones. */
const CORE_FORBIDDEN = {
  paths: [
    { name: 'react', message: 'app/core is framework-free: React belongs in app/components.' },
    { name: 'zustand', message: 'app/core uses zustand/vanilla; React hooks over stores live in app/components/hooks.' },
    { name: 'd3', message: 'DOM drawing belongs in app/components (d3-dag layout is fine).' },
  ],
  patterns: [
    { group: ['react-dom', 'react-dom/*', 'react/*', 'zustand/react*', 'monaco-editor', 'monaco-editor/*'], message: 'app/core is framework-free.' },
    { group: ['**/components/**', '**/*.tsx', '**/App.tsx', '**/main.tsx', '**/viewer/**'], message: 'app/core never imports views.' },
  ],
};

export default [
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.test-artifacts/**',
      'test-results/**',
      'playwright-report/**',
      'public/**',
      'corpus/**',
      'engine/kernels/wasm/assembly/**',
      'engine/kernels/wasm/build/**',
      '**/generated/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: typescript(false),
  },
  {
    files: ['**/*.tsx'],
    languageOptions: typescript(true),
  },
  {
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    rules: {
      'no-debugger': 'error',
      'no-var': 'error',
      // A `let` read by a closure made before it is assigned (start-library's repository callback) stays a let.
      'prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }],
      eqeqeq: ['error', 'smart'],
      'no-control-regex': 'error',
      'no-dupe-keys': 'error',
      'no-duplicate-case': 'error',
      'no-unreachable': 'error',
      'no-unsafe-finally': 'error',
      'no-cond-assign': ['error', 'except-parens'],
      'no-fallthrough': 'error',
    },
  },
  // The house rules on imports, by layer (app folders' cycles are checked by scripts/app-layers.test.ts).
  {
    files: ['engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/app/**'], message: 'engine/ never imports app/.' }] }] },
  },
  {
    files: ['app/core/**/*.ts'],
    ignores: ['app/core/**/test/**', 'app/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', CORE_FORBIDDEN] },
  },
];
