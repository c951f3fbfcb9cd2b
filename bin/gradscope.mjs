#!/usr/bin/env node
// The `gradscope` command: runs the TypeScript CLI through tsx, so no build step stands between a
// fresh clone and `npx gradscope run file.py`.
import { register } from 'tsx/esm/api';

register();
await import('../engine/cli.ts');
