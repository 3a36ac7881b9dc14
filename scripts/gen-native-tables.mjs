#!/usr/bin/env node
// Generates native/src/gen/ppm_tables.h (constants and event signatures for the C scap writer) from the
// extracted libs event tables in ../shared/data, so no scap constant in native/ is typed by hand.
// Usage: node scripts/gen-native-tables.mjs [SHARED_DIR] [--check]   (default: ../shared next to the repository)
//   --check: exit 1 if the committed header differs from what would be generated.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const positional = args.filter((a) => !a.startsWith('--'));
const shared = resolve(positional[0] ?? process.env.FALCO_REPLAY_SHARED ?? join(root, '..', 'shared'));
const outPath = join(root, 'native', 'src', 'gen', 'ppm_tables.h');

const cur = JSON.parse(readFileSync(join(shared, 'data', 'scap-event-table.json'), 'utf8'));
const old = JSON.parse(readFileSync(join(shared, 'data', 'scap-event-table-sysdig-0.29.3.json'), 'utf8'));

const out = [];
const w = (s = '') => out.push(s);

w('/* SPDX-License-Identifier: (MIT OR GPL-2.0) */');
w('/*');
w(' * GENERATED FILE - do not edit. Regenerate with `npm run gen:native-tables`.');
w(` * Source: ${cur.source.repository} @ ${cur.source.revision} (current libs) and @ ${old.source.revision}`);
w(' * (the libs sysdig 0.29.3 is built on): driver/ppm_events_public.h, driver/event_table.c, driver/flags_table.c,');
w(' * extracted to shared/data/scap-event-table*.json. The source files are dual-licensed MIT / GPL-2.0; these');
w(' * tables are a derived data transcription distributed under the MIT option.');
w(' */');
w('#ifndef FALCO_REPLAY_PPM_TABLES_H');
w('#define FALCO_REPLAY_PPM_TABLES_H');
w('#include <stdint.h>');
w();

// Parameter types and their on-disk sizes.
w('/* Parameter types (PT_*) and the on-disk size of a non-empty value (0 = variable). */');
w('enum ppm_param_type {');
for (const [name, i] of Object.entries(cur.param_types)) w(`\t${name} = ${i},`);
w('};');
const sizes = cur.param_type_sizes;
w(`static const uint8_t ppm_param_fixed_size[${Object.keys(cur.param_types).length}] = {`);
for (const name of Object.keys(cur.param_types)) w(`\t[${name}] = ${sizes[name] ?? 0},`);
w('};');
w();

// Event codes.
w('/* Event codes (current libs; the first codes are shared with sysdig 0.29.3, see PPM_EVENT_MAX_0293). */');
w(`#define PPM_EVENT_MAX ${cur.PPM_EVENT_MAX}`);
w(`#define PPM_EVENT_MAX_0293 ${old.PPM_EVENT_MAX}`);
for (const e of cur.events) w(`#define ${e.enum} ${e.code}`);
for (const e of old.events) {
  const c = cur.events[e.code];
  if (!c || c.enum !== e.enum) w(`#define ${e.enum} ${e.code} /* 0.29.3 name */`);
}
w();

// Event signatures: nparams and parameter types per code, for both tables.
const flagBits = (e, name) => (e.flags.includes(name) ? 1 : 0);
function sigTable(src, cname, max) {
  w(`static const struct ppm_event_sig ${cname}[${max}] = {`);
  for (const e of src.events) {
    const types = e.params.map((p) => p.type).join(', ');
    w(`\t[${e.code}] = { "${e.name}", ${e.params.length}, ${flagBits(e, 'EF_LARGE_PAYLOAD')}, ${flagBits(e, 'EF_OLD_VERSION')}, ${flagBits(e, 'EF_CONVERTER_MANAGED')}, { ${types || '0'} } },`);
  }
  w('};');
}
const maxParams = Math.max(...cur.events.map((e) => e.params.length), ...old.events.map((e) => e.params.length));
w('/* What a reader expects of each event code: name, parameter count and types, flags. */');
w('struct ppm_event_sig {');
w('\tconst char *name;');
w('\tuint8_t nparams;');
w('\tuint8_t large_payload; /* u32 parameter lengths */');
w('\tuint8_t old_version;');
w('\tuint8_t converter_managed;');
w(`\tuint8_t types[${maxParams}];`);
w('};');
sigTable(old, 'ppm_sig_0293', old.PPM_EVENT_MAX);
sigTable(cur, 'ppm_sig_current', cur.PPM_EVENT_MAX);
w();

// Parameter counts a current reader accepts for converter-managed events (besides its own count).
w('/* Extra (code, nparams) pairs current libs accept for converter-managed events (converter_rules). */');
w('struct ppm_converter_count { uint16_t code; uint8_t nparams; };');
w('static const struct ppm_converter_count ppm_converter_counts[] = {');
for (const e of cur.events) for (const r of e.converter_rules ?? []) w(`\t{ ${e.code}, ${r.nparams} },`);
w('\t{ 0xffff, 0 },');
w('};');
w();

// PPM_SC syscall ids.
w('/* PPM_SC syscall ids (generic events carry them). */');
for (const [id, s] of Object.entries(cur.syscall_ids)) w(`#define ${s.symbol} ${id}`);
w();

// Numeric PPM constants.
w('/* PPM_* constants. */');
const seen = new Set(['PPM_EVENT_MAX']);
const defs = [];
for (const [group, table] of Object.entries(cur.ppm_flags)) {
  if (group === 'all_numeric_PPM_defines') continue;
  for (const [k, v] of Object.entries(table)) defs.push([k, v]);
}
for (const [k, v] of Object.entries(cur.ppm_flags.all_numeric_PPM_defines)) defs.push([k, v]);
for (const [k, v] of defs) {
  if (seen.has(k)) continue;
  seen.add(k);
  w(`#define ${k} (${v})`);
}
w();

// Linux -> PPM flag maps. Each entry is guarded, so a macro the build host lacks is simply not mapped.
w('/* Linux value -> PPM value maps. Bit masks are OR-ed bit by bit; enums map one value. */');
w('struct ppm_flag_map { int64_t linux_value; uint32_t ppm_value; };');
const maps = [
  // [flag table, C name, macro prefix for the table entry name, names to skip]
  ['file_flags', 'fm_open_flags', '', ['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_NONE', 'O_F_CREATED']],
  ['clone_flags', 'fm_clone_flags', '', []],
  ['fcntl_commands', 'fm_fcntl_cmds', '', ['UNKNOWN']],
  ['ptrace_requests', 'fm_ptrace_requests', '', ['PTRACE_UNKNOWN']],
  ['mount_flags', 'fm_mount_flags', 'MS_', []],
  ['umount_flags', 'fm_umount_flags', { FORCE: 'MNT_FORCE', DETACH: 'MNT_DETACH', EXPIRE: 'MNT_EXPIRE', NOFOLLOW: 'UMOUNT_NOFOLLOW' }, []],
  ['shutdown_how', 'fm_shutdown_how', '', ['SHUT_UNKNOWN']],
  ['linkat_flags', 'fm_linkat_flags', '', []],
  ['unlinkat_flags', 'fm_unlinkat_flags', '', []],
  ['renameat2_flags', 'fm_renameat2_flags', '', []],
  ['execveat_flags', 'fm_execveat_flags', '', []],
  ['openat2_flags', 'fm_openat2_resolve', '', []],
  ['epoll_create1_flags', 'fm_epoll_create1_flags', '', []],
  ['memfd_create_flags', 'fm_memfd_create_flags', '', []],
  ['close_range_flags', 'fm_close_range_flags', '', []],
];
for (const [table, cname, prefix, skip] of maps) {
  const entries = cur.flag_tables[table];
  if (!entries) throw new Error(`flag table ${table} missing`);
  w(`static const struct ppm_flag_map ${cname}[] = {`);
  for (const f of entries) {
    if (skip.includes(f.name)) continue;
    const macro = typeof prefix === 'string' ? prefix + f.name : prefix[f.name];
    if (!macro) continue;
    w(`#ifdef ${macro}`);
    w(`\t{ ${macro}, ${f.value} }, /* ${f.symbol} */`);
    w('#endif');
  }
  w('\t{ -1, 0 },');
  w('};');
}
w();
w('#endif');
w();

const text = out.join('\n');
if (check) {
  let committed = '';
  try {
    committed = readFileSync(outPath, 'utf8');
  } catch {
    /* missing counts as different */
  }
  if (committed !== text) {
    console.error(`${outPath} is out of date: run npm run gen:native-tables`);
    process.exit(1);
  }
  console.log(`${outPath} is up to date`);
} else {
  writeFileSync(outPath, text);
  console.log(`wrote ${outPath}`);
}
