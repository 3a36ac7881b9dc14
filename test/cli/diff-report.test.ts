/* eslint-disable no-control-regex -- the assertions look for raw control characters */
import { Chalk } from 'chalk';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffJson, diffJunit, diffMarkdown, markdownText, xmlText } from '../../src/cli/report/diff-formats.js';
import { diffText } from '../../src/cli/report/diff-text.js';
import { diffAlerts, snapshotRules, staticChanges, type DiffAlert, type DiffReport } from '../../src/engine/index.js';
import { REPO_ROOT, sharedPath } from '../helpers/paths.js';
import { loadTexts } from '../helpers/rules.js';
import { validate } from './diff-schema.js';

const SCHEMA = JSON.parse(readFileSync(`${REPO_ROOT}/docs/diff-report.schema.json`, 'utf8')) as Record<string, unknown>;
const T = '2024-05-01T10:00:00.000000001Z';
const EVIL_RULE = 'Evil \u001b[31mred\u009b2J | <b>@team</b> [x](http://e) \u202etxt';
const EVIL_CAPTURE = 'caps/\u001b]0;title\u0007x.scap';
const al = (capture: string, evtnum: number, rule: string, priority = 4, output = `${rule} out\nline2`, tags?: string[]): DiffAlert => ({
  capture,
  evtnum,
  time: T,
  rule,
  priority,
  process: 'ba\u001bsh',
  output,
  tags: tags ?? ['a'],
});

function realReport(): DiffReport {
  const snap = (name: string) => snapshotRules(loadTexts([[name, readFileSync(sharedPath('rules', name), 'utf8')]]).engine);
  const st = staticChanges(snap('falco_rules-5.0.0.yaml'), snap('falco_rules-5.1.0.yaml'));
  return diffAlerts({
    captures: ['ok.scap', EVIL_CAPTURE],
    base: {
      alerts: [al('ok.scap', 1, 'Shell'), al(EVIL_CAPTURE, 2, EVIL_RULE, 3), al(EVIL_CAPTURE, 3, 'Shell', 4, 'x')],
      rules: [
        { name: 'Shell', priority: 4 },
        { name: EVIL_RULE, priority: 3 },
        { name: gone, priority: 6 },
      ],
      label: 'origin/main',
      matches: [{ capture: EVIL_CAPTURE, evtnum: 2, time: T, rules: [EVIL_RULE, 'Shell'] }],
    },
    head: {
      alerts: [al('ok.scap', 1, 'Shell'), al('ok.scap', 5, 'Shell', 2), al(EVIL_CAPTURE, 3, 'Shell', 4, 'y', ['a', 'b'])],
      rules: [
        { name: 'Shell', priority: 4 },
        { name: EVIL_RULE, priority: 3 },
      ],
      label: 'rules/',
    },
    staticChanges: st,
  });
}
const gone = 'Gone rule';

describe('diff report renderings', () => {
  const report = realReport();

  it('--json validates against docs/diff-report.schema.json', () => {
    const parsed = JSON.parse(diffJson(report)) as unknown;
    expect(validate(SCHEMA, parsed)).toEqual([]);
    expect(report.static_changes.length).toBeGreaterThan(10);
    expect(report.shadowed).toHaveLength(1);
    // The validator is not vacuous: a report missing a key or with a bad value is rejected.
    const broken = JSON.parse(diffJson(report)) as Record<string, unknown>;
    delete broken.shadowed;
    (broken.rules as Record<string, unknown>[])[0] = { rule: 'x', priority: 'Loud', presence: 'both', base: 0, head: -1, delta: 0 };
    expect(validate(SCHEMA, broken)).toEqual(['$: missing shadowed', '$.rules[0].priority: "Loud" not in enum', '$.rules[0].head: below 0']);
  });

  it('--json is terminal-safe and keeps the exact strings', () => {
    const text = diffJson(report);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect((JSON.parse(text) as DiffReport).removed[0]?.rule).toBe(EVIL_RULE);
  });

  it('the terminal report escapes capture, rule and output text and shows every part', () => {
    const out = diffText(report, new Chalk({ level: 0 }), { maxItems: 1 });
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('Alerts (origin/main → rules/): base 3 → head 3 (±0); 1 added, 1 removed, 1 changed, 1 shadowed');
    expect(out).toContain('Evil \\x1b[31mred\\x9b2J | <b>@team</b> [x](http://e) \\u202etxt');
    expect(out).toContain('Gone rule (rule removed)');
    expect(out).toContain('Added alerts (1)');
    expect(out).toContain('tags [a] → [a, b]');
    expect(out).toContain('Shadowed under rule_matching: first (1)');
    expect(out).toContain('  minor macro postgres_running_cnpg (added)\n        Macro `postgres_running_cnpg` added\n');
    expect(out).toContain('Shell: base taken by Evil');
    expect(diffText(report, new Chalk({ level: 0 }), { maxItems: 0 })).toContain('Added alerts (1)\n  … and 1 more (--json or --markdown lists all)\n');
    expect(out).toContain('Per capture');
    // With colours on, the same text plus ANSI styling only.
    const coloured = diffText(report, new Chalk({ level: 1 }), { maxItems: 1 });
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(out);
  });

  it('--markdown folds long lists, and capture/rule text cannot inject Markdown or HTML', () => {
    const md = diffMarkdown(report);
    expect(md).toContain('<details><summary>Static changes (');
    expect(md).toContain('<details><summary>Removed alerts (1)</summary>');
    expect(md).not.toContain('<b>');
    expect(md).not.toContain('@team');
    expect(md).not.toContain('](');
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(markdownText('a|b <i>*x*</i> @u')).toBe('a&#124;b &#60;i&#62;&#42;x&#42;&#60;/i&#62; &#64;u');
    const quiet = diffMarkdown(diffAlerts({ captures: ['c'], base: { alerts: [] }, head: { alerts: [] } }));
    expect(quiet).toContain('No changes detected.');
  });

  it('--junit: a suite per capture, a case per rule, failures where the head differs', () => {
    const xml = diffJunit(report);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="falco-replay diff" tests="6" failures="3">/);
    expect(xml).toContain('<testsuite name="ok.scap" tests="3" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<testcase classname="ok.scap" name="Shell">\n      <failure message="base 1 → head 2 (+1)" type="alerts-differ">added: #5');
    expect(xml).toContain('<testcase classname="ok.scap" name="Gone rule"/>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xmlText('a<b>&"\'\u0007')).toBe('a&#60;b&#62;&#38;&#34;&#39;\\x07');
  });
});

describe('markdown size', () => {
  it('caps each list so a comment stays within GitHub limits, saying how many were left out', () => {
    const many = Array.from({ length: 250 }, (_, i) => al('c.scap', i + 1, 'Shell'));
    const r = diffAlerts({ captures: ['c.scap'], base: { alerts: [] }, head: { alerts: many } });
    const md = diffMarkdown(r, { maxItems: 100 });
    expect(md.match(/^\| c\.scap \|/gm)).toHaveLength(100);
    expect(md).toContain('… and 150 more (the --json report lists all)');
    expect(diffMarkdown(realReport(), { maxItems: 5 })).toMatch(/Static changes \(.*\)<\/summary>[\s\S]*… and \d+ more/);
  });
});
