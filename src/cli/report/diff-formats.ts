// The diff report as JSON (the documented, versioned schema in docs/diff-report.schema.json), as Markdown for
// a pull-request comment, and as JUnit XML (one test case per rule per capture).
import { escapeControl } from '../../common/index.js';
import type { AlertEntry, DiffReport } from '../../engine/index.js';
import { toJson } from '../json.js';

/** `--json`: the report object, keys sorted, terminal-safe; ends with a newline. */
export function diffJson(r: DiffReport): string {
  return `${toJson(r, 2)}\n`;
}

// Characters with a meaning in Markdown or HTML (and `@`, which would mention someone in a comment).
const MD_SPECIAL = /[&<>"'`*_[\]()#|~\\!{}@:]/g;

/** Text from a capture or rules file, made inert in Markdown and HTML: numeric character references. */
export function markdownText(s: string): string {
  return escapeControl(s).replace(MD_SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
}

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '±0');

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n</details>\n\n`;
}

/** Rows beyond the cap become one line saying how many were left out (GitHub caps a comment at 65536 characters). */
function more(total: number, max: number): string {
  return total > max ? `\n… and ${total - max} more (the --json report lists all)\n` : '';
}

function alertRows(list: readonly AlertEntry[], max: number): string {
  let out = '| Capture | Event | Time | Priority | Rule | Process | Output |\n|---|---:|---|---|---|---|---|\n';
  for (const a of list.slice(0, max)) {
    out += `| ${markdownText(a.capture)} | ${a.evtnum} | ${a.time} | ${a.priority} | ${markdownText(a.rule)} | ${a.process === null ? '' : markdownText(a.process)} | ${markdownText(a.output)} |\n`;
  }
  return out + more(list.length, max);
}

/** `--markdown`: a pull-request comment; long lists fold into `<details>`. */
export function diffMarkdown(r: DiffReport, opts: { title?: string; maxItems?: number } = {}): string {
  const max = opts.maxItems ?? 100;
  const t = r.totals;
  let out = `### ${opts.title !== undefined ? markdownText(opts.title) : 'falco-replay diff'}\n\n`;
  if (r.base.label !== null || r.head.label !== null) out += `Base ${markdownText(r.base.label ?? 'base')} → head ${markdownText(r.head.label ?? 'head')}\n\n`;
  const alertChange = t.added + t.removed + t.changed > 0;
  out += `**Alerts:** ${t.base} → ${t.head} (${signed(t.delta)}) · ${t.added} added · ${t.removed} removed · ${t.changed} changed · ${t.shadowed} shadowed\n\n`;
  if (!alertChange && !r.static_changes.length) out += 'No changes detected.\n\n';

  if (r.rules.length) {
    let body = '| Priority | Rule | Base | Head | Δ |\n|---|---|---:|---:|---:|\n';
    for (const row of r.rules) {
      const mark = row.presence === 'head-only' ? ' *(new rule)*' : row.presence === 'base-only' ? ' *(rule removed)*' : '';
      body += `| ${row.priority} | ${markdownText(row.rule)}${mark} | ${row.base} | ${row.head} | ${signed(row.delta)} |\n`;
    }
    const changedRows = r.rules.filter((x) => x.delta !== 0 || x.presence !== 'both').length;
    out += r.rules.length > 20 ? details(`Per-rule counts (${r.rules.length} rules, ${changedRows} changed)`, body) : `${body}\n`;
  }
  if (r.added.length) out += details(`Added alerts (${r.added.length})`, alertRows(r.added, max));
  if (r.removed.length) out += details(`Removed alerts (${r.removed.length})`, alertRows(r.removed, max));
  if (r.changed.length) {
    let body = '| Capture | Event | Rule | Changed | Base | Head |\n|---|---:|---|---|---|---|\n';
    for (const c of r.changed.slice(0, max)) {
      const side = (v: DiffReport['changed'][number]['base']): string =>
        c.fields.map((f) => (f === 'priority' ? v.priority : f === 'tags' ? markdownText((v.tags ?? []).join(', ')) : markdownText(v.output))).join('<br>');
      body += `| ${markdownText(c.capture)} | ${c.evtnum} | ${markdownText(c.rule)} | ${c.fields.join(', ')} | ${side(c.base)} | ${side(c.head)} |\n`;
    }
    out += details(`Changed alerts (${r.changed.length})`, body + more(r.changed.length, max));
  }
  if (r.shadowed.length) {
    let body = '| Capture | Event | Rule | Base: taken by | Head: taken by |\n|---|---:|---|---|---|\n';
    for (const s of r.shadowed.slice(0, max)) {
      body += `| ${markdownText(s.capture)} | ${s.evtnum} | ${markdownText(s.rule)} | ${s.base_by === null ? '' : markdownText(s.base_by)} | ${s.head_by === null ? '' : markdownText(s.head_by)} |\n`;
    }
    out += details(`Shadowed under rule_matching: first (${r.shadowed.length})`, body + more(r.shadowed.length, max));
  }
  if (r.static_changes.length) {
    const levels = ['major', 'minor', 'patch', 'none'] as const;
    const counts = levels.map((l) => `${r.static_changes.filter((c) => c.level === l).length} ${l}`).join(', ');
    let body = '';
    let shown = 0;
    for (const l of levels) {
      const list = r.static_changes.filter((c) => c.level === l).slice(0, Math.max(0, max - shown));
      shown += list.length;
      if (!list.length) continue;
      body += `**${l === 'none' ? 'Not rated by the rules checker' : l[0]?.toUpperCase() + l.slice(1)}**\n\n`;
      for (const c of list) {
        body += `* ${c.kind} ${markdownText(c.name)} (${c.change}): ${c.findings.map((f) => markdownText(f.message)).join('; ')}\n`;
        for (const f of c.fields) {
          const v = (x: DiffReport['static_changes'][number]['fields'][number]['base']): string =>
            x === null ? '—' : typeof x === 'boolean' ? String(x) : typeof x === 'string' ? markdownText(x) : markdownText(x.join(', '));
          body += `  * ${f.field}: ${v(f.base)} → ${v(f.head)}\n`;
        }
      }
      body += '\n';
    }
    out += details(`Static changes (${counts})`, body + more(r.static_changes.length, max));
  }
  if (r.captures.length > 1) {
    let body = '| Capture | Base | Head | Δ | Added | Removed | Changed | Shadowed |\n|---|---:|---:|---:|---:|---:|---:|---:|\n';
    for (const c of r.captures) body += `| ${markdownText(c.capture)} | ${c.base} | ${c.head} | ${signed(c.delta)} | ${c.added} | ${c.removed} | ${c.changed} | ${c.shadowed} |\n`;
    out += details(`Per capture (${r.captures.length})`, body);
  }
  return out;
}

/** Text for XML 1.0 (attributes and content); controls become visible escapes first, as XML forbids them. */
export function xmlText(s: string): string {
  return escapeControl(s, true)
    .replace(/[\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/[&<>"'\n\t]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `--junit FILE`: a test suite per capture, a test case per rule, failing where the head differs. */
export function diffJunit(r: DiffReport): string {
  const key = (capture: string, rule: string): string => JSON.stringify([capture, rule]);
  const lines = new Map<string, string[]>();
  const note = (capture: string, rule: string, text: string): void => {
    const k = key(capture, rule);
    const l = lines.get(k) ?? [];
    l.push(text);
    lines.set(k, l);
  };
  for (const a of r.added) note(a.capture, a.rule, `added: #${a.evtnum} ${a.time} ${a.priority} ${a.output}`);
  for (const a of r.removed) note(a.capture, a.rule, `removed: #${a.evtnum} ${a.time} ${a.priority} ${a.output}`);
  for (const c of r.changed) note(c.capture, c.rule, `changed (${c.fields.join(', ')}): #${c.evtnum} ${c.time}`);
  let failuresTotal = 0;
  let testsTotal = 0;
  let suites = '';
  for (const c of r.captures) {
    const counts = new Map(c.rules.map((x) => [x.rule, x]));
    let cases = '';
    let failures = 0;
    for (const row of r.rules) {
      const n = counts.get(row.rule) ?? { base: 0, head: 0, delta: 0 };
      const detail = lines.get(key(c.capture, row.rule)) ?? [];
      const name = `<testcase classname="${xmlText(c.capture)}" name="${xmlText(row.rule)}"`;
      if (n.delta !== 0 || detail.length) {
        failures++;
        const msg = `base ${n.base} → head ${n.head} (${signed(n.delta)})`;
        cases += `    ${name}>\n      <failure message="${xmlText(msg)}" type="alerts-differ">${xmlText(detail.join('\n')).replace(/&#10;/g, '\n')}</failure>\n    </testcase>\n`;
      } else {
        cases += `    ${name}/>\n`;
      }
    }
    failuresTotal += failures;
    testsTotal += r.rules.length;
    suites += `  <testsuite name="${xmlText(c.capture)}" tests="${r.rules.length}" failures="${failures}" errors="0" skipped="0">\n${cases}  </testsuite>\n`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="falco-replay diff" tests="${testsTotal}" failures="${failuresTotal}">\n${suites}</testsuites>\n`;
}
