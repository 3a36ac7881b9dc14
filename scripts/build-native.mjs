#!/usr/bin/env node
// Builds the native recorder (native/) with node-gyp when the toolchain is present; `npm install` runs it.
// Without the toolchain the install still succeeds: this prints what is missing, replay works without the
// addon, and `falco-replay record` explains how to get it.
// Environment: FALCO_REPLAY_SKIP_NATIVE=1 skips the build; FALCO_REPLAY_REQUIRE_NATIVE=1 makes a missing
// toolchain or a failed build an install error (CI).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
const require = createRequire(import.meta.url);
const required = process.env.FALCO_REPLAY_REQUIRE_NATIVE === '1';
const log = (msg) => console.error(`falco-replay: ${msg}`);

if (process.env.FALCO_REPLAY_SKIP_NATIVE === '1') {
  log('FALCO_REPLAY_SKIP_NATIVE=1: native recorder not built');
  process.exit(0);
}

function has(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

function anyExists(paths) {
  return paths.some((p) => existsSync(p));
}

const libDirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib', '/usr/local/lib64'];
const missing = [];
if (process.platform !== 'linux') missing.push(`Linux (this is ${process.platform})`);
if (process.arch !== 'x64') missing.push(`an x86_64 machine (this is ${process.arch}; the committed vmlinux.h is x86_64)`);
if (!has(process.env.FALCO_REPLAY_CLANG || 'clang')) missing.push('clang (Debian: clang)');
if (!has('bpftool', ['version'])) missing.push('bpftool (Debian: bpftool)');
if (!anyExists(['/usr/include/bpf/libbpf.h', '/usr/local/include/bpf/libbpf.h'])) missing.push('libbpf headers (Debian: libbpf-dev)');
if (!anyExists(libDirs.flatMap((d) => [join(d, 'libbpf.a'), join(d, 'libbpf.so')]))) missing.push('libbpf (Debian: libbpf-dev)');
if (!anyExists(['/usr/include/gelf.h', '/usr/include/libelf.h'])) missing.push('libelf headers (Debian: libelf-dev)');
if (!anyExists(['/usr/include/zlib.h'])) missing.push('zlib headers (Debian: zlib1g-dev)');
if (!has('make')) missing.push('make (Debian: make)');
if (!has(process.env.CXX || 'g++')) missing.push('a C++ compiler (Debian: g++)');
if (!has('python3')) missing.push('python3 (node-gyp needs it)');

if (missing.length) {
  log('native recorder not built; missing:');
  for (const m of missing) console.error(`  - ${m}`);
  log('replay works without it; `falco-replay record` needs it (Debian: apt-get install clang libbpf-dev bpftool libelf-dev zlib1g-dev make g++ python3, then npm rebuild falco-replay or npm run build:native)');
  process.exit(required ? 1 : 0);
}

let gyp;
try {
  gyp = require.resolve('node-gyp/bin/node-gyp.js');
} catch {
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  gyp = existsSync(bundled) ? bundled : undefined;
}
if (!gyp) {
  log('native recorder not built: node-gyp not found (it is a devDependency; npm also bundles one)');
  process.exit(required ? 1 : 0);
}

const args = [gyp, 'rebuild', `--directory=${nativeDir}`, '--loglevel=warn'];
// Offline builds: Debian ships the Node headers in /usr/include/node; point node-gyp at them explicitly
// (a fresh CI machine has no ~/.npmrc saying so).
if (existsSync('/usr/include/node/node_api.h')) args.push('--nodedir=/usr');
if (process.env.FALCO_REPLAY_NATIVE_DEBUG === '1') args.push('--debug');

log('building the native recorder (node-gyp)…');
const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
if (r.status !== 0) {
  log(`native recorder build FAILED (node-gyp exit ${r.status ?? r.signal}); replay still works, recording does not`);
  process.exit(required ? 1 : 0);
}
log(`native recorder built: ${join(nativeDir, 'build', 'Release', 'falco_replay_recorder.node')}`);
