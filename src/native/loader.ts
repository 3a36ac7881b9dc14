// Finds and loads the addon lazily, so importing src/native never fails when the addon is absent (replay
// works without it). The loader is injectable (better-sqlite3 / serialport bindings style) for tests and for
// hosts that ship the addon elsewhere.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FalcoReplayError } from '../common/index.js';
import type { NativeBinding } from './types.js';

export const ADDON_ABI_VERSION = 1;

/** Returns the binding or throws an Error whose message says why it cannot. */
export type BindingLoader = () => NativeBinding;

/** Repository (or installed package) root: src/native/ and dist/native/ are both two levels down. */
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where npm install builds the addon; FALCO_REPLAY_NATIVE_ADDON overrides it. */
export function defaultAddonPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.FALCO_REPLAY_NATIVE_ADDON ?? join(packageRoot, 'native', 'build', 'Release', 'falco_replay_recorder.node');
}

export const defaultLoader: BindingLoader = () => {
  const path = defaultAddonPath();
  if (!existsSync(path)) {
    throw new Error(
      `the native recorder is not built (${path} is missing). It needs Linux x86_64 with clang, bpftool, libbpf-dev, ` +
        'libelf-dev and zlib1g-dev at install time: apt-get install clang bpftool libbpf-dev libelf-dev zlib1g-dev make g++, ' +
        'then run `npm run build:native`.',
    );
  }
  const req = createRequire(import.meta.url);
  const binding = req(path) as NativeBinding;
  if (binding.abiVersion !== ADDON_ABI_VERSION) {
    throw new Error(`the native recorder at ${path} is from another version (ABI ${binding.abiVersion}, expected ${ADDON_ABI_VERSION}): run \`npm run build:native\``);
  }
  return binding;
};

let currentLoader: BindingLoader = defaultLoader;
let cached: NativeBinding | undefined;

/** Replace how the addon is loaded (undefined restores the default); clears the cached binding. */
export function setBindingLoader(loader: BindingLoader | undefined): void {
  currentLoader = loader ?? defaultLoader;
  cached = undefined;
}

/** The addon, loaded on first use. Throws FalcoReplayError RECORD_NO_ADDON when it cannot be loaded. */
export function loadBinding(): NativeBinding {
  if (cached) return cached;
  try {
    cached = currentLoader();
    return cached;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new FalcoReplayError({ code: 'RECORD_NO_ADDON', severity: 'error', message: `cannot record: ${msg}` });
  }
}

/** Whether recording is possible here, without throwing. */
export function nativeAvailability(): { available: true } | { available: false; reason: string } {
  try {
    loadBinding();
    return { available: true };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
