// Field-by-field comparison of falco-replay's `events -p` with sysdig 0.29.3's `-p` on one capture, and the
// field lists it uses: every field the shared rule files use (conditions and outputs) that sysdig knows.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { RulesEngine } from '../../src/engine/index.js';
import { cli } from './cli.js';
import { sharedPath } from './paths.js';
import { SYSDIG } from './sysdig.js';

const SEP = '#@#';

let known: Set<string> | undefined;

/** Field names (without arguments) `sysdig -l` lists. */
export function sysdigKnownFields(): Set<string> {
  if (known) return known;
  const out = execFileSync(SYSDIG, ['-l'], { maxBuffer: 1 << 26 }).toString();
  known = new Set(out.split('\n').flatMap((l) => /^([a-z0-9_.]+)/.exec(l)?.[1] ?? []));
  return known;
}

/** A field reference as written in rules (`proc.aname[2]`, `evt.arg.flags`), with its base field name. */
export interface RuleField {
  text: string;
  base: string;
  /** Conditions only (cannot be printed). */
  filterOnly: boolean;
}

/** Every field the shared syscall rule files use, in conditions or outputs. */
export function ruleFields(): RuleField[] {
  const out = new Map<string, RuleField>();
  for (const f of readdirSync(sharedPath('rules')).sort()) {
    if (f.startsWith('k8s_audit') || f.startsWith('aws_cloudtrail')) continue;
    const eng = new RulesEngine();
    eng.load(readFileSync(sharedPath('rules', f), 'utf8'), f);
    for (const rule of eng.compiled?.rules ?? []) {
      const refs = [...rule.fields, ...rule.output.tokens.flatMap((t) => (t.kind === 'field' ? t.value.fields : []))];
      for (const r of refs) {
        const name = r.def.name;
        let text = name;
        if (r.arg) {
          if (r.def.argSyntax === 'evt.arg' || r.def.argSyntax === 'evt.rawarg') text = r.arg.index !== undefined && r.arg.key === undefined ? `${name}[${r.arg.raw}]` : `${name}.${r.arg.raw}`;
          else text = `${name}[${r.arg.raw}]`;
        }
        out.set(text, { text, base: name, filterOnly: (r.def.flags & 1) !== 0 });
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.text < b.text ? -1 : 1));
}

/** One field value that differs: event number, sysdig's text, ours. */
export interface Mismatch {
  field: string;
  num: string;
  sysdig: string;
  ours: string;
}

/** A documented difference: rows of `field` for which `applies` holds are not compared, for `reason`. */
export interface KnownDifference {
  field: string;
  reason: string;
  /** Given our values of the row (by field), true when the difference applies. */
  applies: (ours: Record<string, string>, sysdig: Record<string, string>) => boolean;
}

/** Compare `fields` on every event sysdig prints; extra fields are printed only to evaluate known differences. */
export async function compareFields(file: string, fields: readonly string[], known: readonly KnownDifference[] = [], oracle = file): Promise<{ rows: number; mismatches: Mismatch[] }> {
  const all = [...new Set([...fields, 'fd.type'])];
  const fmt = `*%evt.num${all.map((f) => `${SEP}%${f}`).join('')}`;
  const s = execFileSync(SYSDIG, ['-r', oracle, '-p', fmt], { maxBuffer: 1 << 30 }).toString('latin1').split('\n').filter((l) => /^\d+#/.test(l));
  const r = await cli(['events', '--schema', 'sysdig-0.29.3', '-p', fmt, file]);
  if (r.code !== 0) throw new Error(r.stderr);
  const o = Buffer.from(r.stdout, 'utf8').toString('latin1').split('\n').filter((l) => /^\d+#/.test(l));
  if (s.length !== o.length) throw new Error(`${file}: sysdig printed ${s.length} events, falco-replay ${o.length}`);
  const mismatches: Mismatch[] = [];
  for (let i = 0; i < s.length; i++) {
    const a = (s[i] as string).split(SEP);
    const b = (o[i] as string).split(SEP);
    const sv: Record<string, string> = {};
    const ov: Record<string, string> = {};
    all.forEach((f, k) => {
      sv[f] = a[k + 1] ?? '';
      ov[f] = b[k + 1] ?? '';
    });
    for (const f of fields) {
      if (sv[f] === ov[f]) continue;
      if (known.some((k) => k.field === f && k.applies(ov, sv))) continue;
      mismatches.push({ field: f, num: a[0] as string, sysdig: sv[f] as string, ours: ov[f] as string });
    }
  }
  return { rows: s.length, mismatches };
}

/** Event numbers sysdig and falco-replay print for a filter. */
export async function filterMatches(file: string, filter: string, oracle = file): Promise<{ sysdig: number[]; ours: number[] }> {
  const s = execFileSync(SYSDIG, ['-r', oracle, '-p', '*%evt.num', filter], { maxBuffer: 1 << 28 }).toString().split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
  const r = await cli(['events', '--schema', 'sysdig-0.29.3', '-p', '*%evt.num', file, filter]);
  if (r.code !== 0) throw new Error(r.stderr);
  return { sysdig: s, ours: r.stdout.split('\n').filter((l) => /^\d+$/.test(l)).map(Number) };
}
