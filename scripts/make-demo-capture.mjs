#!/usr/bin/env node
// Regenerates fixtures/demo.scap from test/helpers/demo-story.ts (`npm run fixtures`).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTestSupport } from './test-support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
await withTestSupport(async (load) => {
  const { buildDemoCapture } = await load('test/helpers/demo-story.js');
  const out = join(root, 'fixtures', 'demo.scap');
  const bytes = buildDemoCapture();
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
});
