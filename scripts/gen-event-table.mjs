#!/usr/bin/env node
// Generates src/scap/schema/event-table*.generated.ts from the extracted libs event tables in ../shared/data.
// Usage: node scripts/gen-event-table.mjs [SHARED_DIR]   (default: ../shared next to the repository)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.argv[2] ?? process.env.FALCO_REPLAY_SHARED ?? join(root, '..', 'shared'));

function generate(jsonName, outName, constPrefix) {
  const src = JSON.parse(readFileSync(join(shared, 'data', jsonName), 'utf8'));
  const enumToCode = new Map(src.events.map((e) => [e.enum, e.code]));
  const events = src.events.map((e) => {
    const params = e.params.map((p) => {
      const o = { name: p.name, type: src.param_types[p.type], fmt: src.print_formats[p.fmt] };
      if (p.flags_table) o.flagsTable = p.flags_table;
      if (p.dyn_table) o.dynTable = p.dyn_table;
      if (p.dirfd_param_index !== undefined) o.dirfdIndex = p.dirfd_param_index;
      return o;
    });
    const o = {
      code: e.code,
      name: e.name,
      enumName: e.enum,
      dir: e.dir,
      category: e.category_value,
      flags: e.flags_value,
      params,
    };
    if (e.converter_rules) {
      o.converter = e.converter_rules.map((r) => {
        const c = { nparams: r.nparams, action: r.action.replace(/^C_ACTION_/, '') };
        if (r.to !== undefined) {
          const to = enumToCode.get(r.to);
          if (to === undefined) throw new Error(`unknown converter target ${r.to}`);
          c.to = to;
        }
        return c;
      });
    }
    return o;
  });
  const flagTables = {};
  for (const [name, entries] of Object.entries(src.flag_tables)) {
    flagTables[name] = entries.map((f) => [f.name, f.value]);
  }
  const dynTables = {};
  for (const [name, entries] of Object.entries(src.dynamic_param_tables)) {
    dynTables[name] = entries.map((d) => ({ index: d.index, type: src.param_types[d.type], fmt: src.print_formats[d.fmt] }));
  }
  const syscalls = [];
  for (const [id, s] of Object.entries(src.syscall_ids)) syscalls[Number(id)] = s.name;

  const j = (v) => JSON.stringify(v);
  const lines = [];
  lines.push('// GENERATED FILE — do not edit. Regenerate with `npm run gen:event-table`.');
  lines.push(`// Source: ${src.source.repository} @ ${src.source.revision}: ${src.source.files.join(', ')},`);
  lines.push(`// extracted to shared/data/${jsonName}. The source files are dual-licensed MIT / GPL-2.0;`);
  lines.push('// this table is a derived data transcription distributed under the MIT option.');
  lines.push("import type { EventInfo, DynParamInfo } from './types.js';");
  lines.push('');
  lines.push(`export const ${constPrefix}SOURCE_REVISION = ${j(src.source.revision)};`);
  lines.push(`export const ${constPrefix}PPM_EVENT_MAX = ${src.PPM_EVENT_MAX};`);
  lines.push('');
  lines.push(`export const ${constPrefix}EVENTS: readonly EventInfo[] = [`);
  for (const e of events) lines.push(`  ${j(e)},`);
  lines.push('];');
  lines.push('');
  lines.push('/** Flag and enum tables: name → [[symbol, value], ...] in table order. */');
  lines.push(`export const ${constPrefix}FLAG_TABLES: Readonly<Record<string, readonly (readonly [string, number])[]>> = {`);
  for (const [n, t] of Object.entries(flagTables)) lines.push(`  ${j(n)}: ${j(t)},`);
  lines.push('};');
  lines.push('');
  lines.push('/** PT_DYN alternatives: table name → entries indexed by the first payload byte. */');
  lines.push(`export const ${constPrefix}DYN_TABLES: Readonly<Record<string, readonly DynParamInfo[]>> = {`);
  for (const [n, t] of Object.entries(dynTables)) lines.push(`  ${j(n)}: ${j(t)},`);
  lines.push('};');
  lines.push('');
  lines.push('/** PPM_SC syscall id → name (generic events 0/1 carry this id). */');
  lines.push(`export const ${constPrefix}SYSCALL_NAMES: readonly (string | undefined)[] = ${j(Array.from(syscalls, (s) => s ?? null)).replace(/null/g, 'undefined')};`);
  lines.push('');
  lines.push('/** Named PPM_* constants (socket families, open flags, clone flags, every numeric define). */');
  lines.push(`export const ${constPrefix}PPM_CONSTANTS: Readonly<Record<string, Readonly<Record<string, number>>>> = ${j(src.ppm_flags)};`);
  lines.push('');
  writeFileSync(join(root, 'src', 'scap', 'schema', outName), lines.join('\n'));
  return { events: events.length };
}

const cur = generate('scap-event-table.json', 'event-table.generated.ts', '');
const old = generate('scap-event-table-sysdig-0.29.3.json', 'event-table-0.29.3.generated.ts', 'V0293_');
console.log(`generated ${cur.events} current and ${old.events} sysdig-0.29.3 event entries`);
