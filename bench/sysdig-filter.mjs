// The same rules as one sysdig filter, for the replay benchmark's comparison: the OR of every enabled rule's
// fully expanded condition (lists and macros substituted, exceptions included), keeping the rules sysdig 0.29.3
// can parse. Each rule is probed alone with sysdig on a small capture; the reason sysdig gives for rejecting one
// (an unknown field, an operator it lacks) is reported. Results are cached in .bench/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Why sysdig rejects a condition, from its error text. */
function reason(stderr) {
  const text = stderr.replace(/\s+/g, ' ').trim();
  const field = /unrecognized field ([^\s]+)/.exec(text);
  if (field) return `uses ${field[1]}, a field sysdig 0.29.3 does not have`;
  return `sysdig 0.29.3's parser rejects it (${text.replace(/^.*?filter error at/, 'at').slice(0, 120)})`;
}

/**
 * @param {string} root repository root (dist/ must be built)
 * @param {string[]} rulesFiles
 * @param {string} probe a small capture sysdig can read
 * @param {string} cacheDir
 */
export async function sysdigFilter(root, rulesFiles, probe, cacheDir) {
  const texts = rulesFiles.map((f) => [basename(f), readFileSync(f, 'utf8')]);
  const key = createHash('sha256').update(JSON.stringify(texts)).digest('hex').slice(0, 16);
  const cache = join(cacheDir, `sysdig-filter-${key}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const { RulesEngine } = await import(join(root, 'dist', 'engine', 'index.js'));
  const { Ruleset } = await import(join(root, 'dist', 'engine', 'ruleset.js'));
  const { printCanonical } = await import(join(root, 'dist', 'engine', 'condition', 'printer.js'));
  const engine = new RulesEngine();
  for (const [name, text] of texts) {
    const r = engine.load(text, name);
    if (!r.successful) throw new Error(`${name} does not load`);
  }
  const ruleset = new Ruleset(engine.compiled);
  const included = [];
  const excluded = [];
  for (const r of ruleset.rules) {
    if (r.source !== 'syscall') {
      excluded.push({ rule: r.name, reason: `source ${r.source}` });
      continue;
    }
    const cond = printCanonical(r.condition);
    const p = spawnSync('sysdig', ['-r', probe, '-q', cond], { encoding: 'utf8' });
    if (p.status === 0) included.push({ rule: r.name, condition: cond });
    else excluded.push({ rule: r.name, reason: reason(`${p.stderr}${p.stdout}`) });
  }
  const filter = included.map((x) => `(${x.condition})`).join(' or ');
  const res = { enabled: ruleset.rules.length, included: included.map((x) => x.rule), excluded, filter };
  writeFileSync(cache, JSON.stringify(res));
  return res;
}

/** sysdig joins its filter arguments with spaces: split a long filter at spaces into arguments under the kernel's per-argument limit. */
export function filterArgs(filter, max = 100_000) {
  const out = [];
  let rest = filter;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) break;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1);
  }
  out.push(rest);
  return out;
}
