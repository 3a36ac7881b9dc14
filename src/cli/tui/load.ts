// The TUI's entry for the commands, loaded on demand: ink and React cost startup time the other commands should
// not pay, and React must see NODE_ENV before it loads (its development build is several times slower).
import type { runTui as RunTui } from './run-tui.js';

export async function loadTui(): Promise<typeof RunTui> {
  process.env.NODE_ENV ??= 'production';
  // ink reads CI / CONTINUOUS_INTEGRATION once, when it loads, and then draws only the last frame, at exit.
  // The TUI only ever runs on a terminal (it refuses otherwise), where a CI variable left in a shell, or a test
  // driving a real terminal inside a CI job, must not blank the screen.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { runTui } = await withoutFetch(() => import('./run-tui.js'));
  return runTui;
}

/**
 * Runs `load` with `globalThis.fetch` hidden. yoga-layout, ink's layout engine, loads its WebAssembly from an
 * embedded data: URL, through fetch when there is one; Node's fetch reads the body with web streams, which detach
 * ArrayBuffers, and the first detach anywhere in the isolate invalidates V8's ArrayBufferDetaching protector: from
 * then on, optimised typed-array code checks every access for a detached buffer, and the replay's decoding, on
 * this same thread, ran 7-10 % more instructions (docs/tui-views.md#v8s-arraybuffer-detaching-protector). Without
 * fetch, yoga decodes the same base64 itself, with no stream and no detach. Its loader checks for fetch
 * synchronously when yoga's module is evaluated, so hiding it during the import is enough; it is put back as it
 * was, even if the import fails. Nothing else may use fetch meanwhile (the CLI loads the UI before the replay or
 * any output starts); a fetch that can be neither removed nor overwritten is left alone.
 */
export async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (saved === undefined) return load();
  const hidden = saved.configurable === true ? Reflect.deleteProperty(globalThis, 'fetch') : saved.writable === true && Reflect.set(globalThis, 'fetch', undefined);
  if (!hidden) return load();
  try {
    return await load();
  } finally {
    if (saved.configurable === true) Object.defineProperty(globalThis, 'fetch', saved);
    else Reflect.set(globalThis, 'fetch', saved.value);
  }
}
