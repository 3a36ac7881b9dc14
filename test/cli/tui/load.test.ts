// Loading the TUI keeps V8's ArrayBufferDetaching protector intact, which the replay's typed-array code relies on
// for its speed when it runs on the UI's thread (src/cli/tui/load.ts, docs/tui-views.md#the-live-uis-cost).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withoutFetch } from '../../../src/cli/tui/load.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const INVALIDATED = 'Invalidating protector cell ArrayBufferDetaching';

/** Runs an ES module snippet in a fresh node with V8's protector trace; its stdout. */
function traced(code: string): string {
  const r = spawnSync(process.execPath, ['--trace-protector-invalidation', '--input-type=module', '-e', code], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('loading the TUI', () => {
  it('yoga-layout loaded plainly detaches a buffer (through fetch): the reason for the workaround', () => {
    // Should this fail after an upgrade of node or yoga-layout, the load no longer detaches: withoutFetch may go.
    expect(traced("await import('yoga-layout'); console.log('loaded')"), 'yoga-layout no longer detaches a buffer').toContain(INVALIDATED);
  });

  it('loadTui loads ink, yoga and the UI without detaching any buffer, and puts fetch back', () => {
    const load = pathToFileURL(join(REPO_ROOT, 'dist', 'cli', 'tui', 'load.js')).href;
    const out = traced(
      `const f = globalThis.fetch; const runTui = await (await import(${JSON.stringify(load)})).loadTui();` +
        "const { Box } = await import('ink');" +
        "console.log(typeof runTui, typeof Box, globalThis.fetch === f ? 'same fetch' : 'fetch changed');",
    );
    expect(out).not.toContain(INVALIDATED);
    expect(out).toContain('function object same fetch');
  });

  it('withoutFetch hides fetch only while loading, and puts it back when the load fails', async () => {
    const f = globalThis.fetch;
    let seen: unknown = 'unset';
    await expect(
      withoutFetch(async () => {
        seen = (globalThis as { fetch?: unknown }).fetch;
        throw new Error('load failed');
      }),
    ).rejects.toThrow('load failed');
    expect(seen).toBeUndefined();
    expect(globalThis.fetch).toBe(f);
    expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toMatchObject({ writable: true, configurable: true });
  });

  it('withoutFetch overwrites a fetch it cannot remove, and puts it back', () => {
    const load = pathToFileURL(join(REPO_ROOT, 'dist', 'cli', 'tui', 'load.js')).href;
    const out = traced(
      "Object.defineProperty(globalThis, 'fetch', { value: globalThis.fetch, writable: true, configurable: false });" +
        `const f = fetch; const { withoutFetch } = await import(${JSON.stringify(load)});` +
        'let seen; await withoutFetch(async () => { seen = typeof fetch; });' +
        "console.log(seen, fetch === f ? 'same fetch' : 'fetch changed');",
    );
    expect(out).toContain('undefined same fetch');
  });
});
