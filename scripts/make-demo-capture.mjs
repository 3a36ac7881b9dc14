#!/usr/bin/env node
// Regenerates fixtures/demo.scap from src/scap/demo-story.ts (run `npm run build` first, or `npm run fixtures`).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoCapture } from '../dist/scap/demo-story.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'fixtures', 'demo.scap');
const bytes = buildDemoCapture();
writeFileSync(out, bytes);
console.log(`wrote ${out} (${bytes.length} bytes)`);
