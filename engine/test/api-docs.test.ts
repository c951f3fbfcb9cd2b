import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOCS_PATH, renderApiDocs } from '../../scripts/gen-api-docs.ts';
import { opTable } from '../index.ts';

describe('docs/api.md', () => {
  it('is what the op table generates today (run `npm run docs:api` when this fails)', () => {
    const committed = readFileSync(API_DOCS_PATH, 'utf8');
    expect(committed === renderApiDocs(), 'docs/api.md is stale: run npm run docs:api').toBe(true);
  });

  it('lists every op of the table', () => {
    const text = renderApiDocs();
    const missing = opTable()
      .filter((op) => !text.includes(`| \`${op.name}\` |`))
      .map((op) => op.name);
    expect(missing).toEqual([]);
  });
});
