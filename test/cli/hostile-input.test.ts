// Security review: capture and rules contents are attacker-controlled. Every CLI output path must keep
// control characters (ESC, CSI 0x9b, BEL, BS, CR, NL, line separators) away from the terminal, keep JSON valid
// and equivalent, and turn hostile input into a clear error rather than a stack trace.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { O, Scenario } from '../helpers/scenario.js';
import { cli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-hostile-'));
const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

/** ESC sequence, 8-bit CSI, BEL, backspace, CR, newline and a Unicode line separator. */
const EVIL = '\u001b[31mR\u009b32mC\u0007B\bS\rC\nNL\u2028LS';
// Anything a terminal would act on (newlines are checked per line by the callers).
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

function evilCaptureBytes(): Buffer {
  const s = new Scenario({ machine: { hostname: `host${EVIL}` } });
  const p = s.process({ pid: 5, comm: `ev${EVIL}`, exepath: `/bin/ev${EVIL}`, args: [`a${EVIL}`], cwd: '/' });
  p.open(`/tmp/f${EVIL}`, O.RDONLY);
  s.pluginEvent(999, `pl${EVIL}`);
  return s.toBuffer();
}

function evilCapture(): string {
  const f = join(tmp, 'evil.scap');
  writeFileSync(f, evilCaptureBytes());
  return f;
}

describe('capture strings never reach the terminal raw', () => {
  const f = evilCapture();

  it('events --json: valid JSON lines with C1 controls and line separators \\u-escaped', async () => {
    for (const argv of [['events', '--json', '--all', f], ['events', '--json', '-p', '%proc.name %fd.name %proc.cmdline', f]]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      const objs = lines(r.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
      // Escaping keeps the JSON equivalent: the decoded values still hold the capture's bytes.
      expect(JSON.stringify(objs)).toContain('\\u001b[31mR\u009b32mC');
    }
  });

  it('inspect --json: valid JSON with the hostname escaped', async () => {
    const r = await cli(['inspect', '--json', f]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const j = JSON.parse(r.stdout) as { machine: { hostname: string } };
    expect(j.machine.hostname).toBe(`host${EVIL}`);
  });

  it('inspect --json: a capture string that looks like the exact-integer marker stays a string', async () => {
    const s = new Scenario({ machine: { hostname: '@@EXACT@@42' } });
    s.process({ pid: 1, comm: 'init' }).open('/x', O.RDONLY);
    const g = join(tmp, 'marker.scap');
    writeFileSync(g, s.toBuffer());
    const j = JSON.parse((await cli(['inspect', '--json', g])).stdout) as { machine: { hostname: unknown }; first_ts: unknown };
    expect(j.machine.hostname).toBe('@@EXACT@@42');
    expect(typeof j.first_ts).toBe('number');
  });
});

describe('inspect text report', () => {
  it('shows a hostname with a newline on one line, escaped (no forged report lines)', async () => {
    const s = new Scenario({ machine: { hostname: 'h\nanomalies    none\u001b[2J' } });
    s.process({ pid: 1, comm: 'init' }).open('/x', O.RDONLY);
    const f = join(tmp, 'nl-host.scap');
    writeFileSync(f, s.toBuffer());
    const r = await cli(['inspect', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toMatch(/^machine {6}h\\nanomalies {4}none\\x1b\[2J, 2 CPUs/m);
    expect(lines(r.stdout).filter((l) => l.startsWith('anomalies'))).toEqual(['anomalies    none']);
  });
});

describe('bad capture arguments give clear errors', () => {
  it('skips a dangling *.scap symlink in a capture directory instead of crashing', async () => {
    const dir = mkdtempSync(join(tmp, 'dangling-'));
    symlinkSync(join(dir, 'gone'), join(dir, 'a.scap'));
    const r = await cli([dir, '-r', fixturePath('rules', 'default', 'falco-replay_rules.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: no capture files (*.scap, *.scap.gz) in directory ${dir}\n`);
    writeFileSync(join(dir, 'b.scap'), evilCaptureBytes());
    const ok = await cli([dir, '-r', fixturePath('rules', 'default', 'falco-replay_rules.yaml'), '--no-summary']);
    expect(ok.code).toBe(0);
  });
});

describe('malformed configuration values give clear errors', () => {
  const rules = fixturePath('rules', 'default', 'falco-replay_rules.yaml');
  const demo = fixturePath('demo.scap');

  it('rejects an append_output match that is not a map (it crashed with a TypeError)', async () => {
    for (const v of ['append_output[]={match: ~}', 'append_output[]={match: [1]}']) {
      const r = await cli([demo, '-r', rules, '-o', v]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('Error: Config error at key "append_output[1].match": expected a map\n');
    }
  });

  it('refuses __proto__ keys instead of writing to Object.prototype', async () => {
    const r = await cli([demo, '-r', rules, '-o', '__proto__.polluted=yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`reserved name '__proto__'`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const c = join(tmp, 'proto.yaml');
    writeFileSync(c, '__proto__:\n  rules_files: [/etc/passwd.yaml]\n');
    const f = await cli([demo, '-c', c]);
    expect(f.code).toBe(2);
    expect(f.stderr).toBe(`Error: configuration ${c}: reserved key '__proto__'\n`);
  });
});

describe('hostile rules files give Falco-style diagnostics, not stack traces or hangs', () => {
  const rulesFile = (name: string, text: string): string => {
    const f = join(tmp, name);
    writeFileSync(f, text);
    return f;
  };
  const rule = (cond: string): string => `- rule: r\n  desc: d\n  condition: evt.type=open and ${cond}\n  output: o\n  priority: WARNING\n`;

  it('rejects a macro doubled at every level (2^300 nodes once expanded) quickly', async () => {
    let y = '- macro: m0\n  condition: proc.name=x\n';
    for (let i = 1; i < 300; i++) y += `- macro: m${i}\n  condition: (m${i - 1} or m${i - 1})\n`;
    const f = rulesFile('doubling.yaml', y + rule('m299'));
    const r = await cli(['validate', '-r', f]);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).not.toContain('internal error');
    expect(r.stdout).toContain('LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): condition too large after macro expansion: more than 200000 nodes');
    expect(r.stdout).toMatch(/at .*doubling\.yaml:\d+:\d+/);
  }, 20_000);

  it('rejects thousands of nested macros instead of overflowing the stack', async () => {
    let y = '- macro: m0\n  condition: proc.name=x\n';
    for (let i = 1; i < 3000; i++) y += `- macro: m${i}\n  condition: (proc.name=y${i} and m${i - 1})\n`;
    const f = rulesFile('chain.yaml', y + rule('m2999'));
    const r = await cli(['validate', '-r', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('condition nested too deeply after macro expansion: more than 1000 levels');
  }, 20_000);

  it('still loads a macro used many times within the caps', async () => {
    let y = '- macro: m0\n  condition: proc.name=x\n';
    for (let i = 1; i < 12; i++) y += `- macro: m${i}\n  condition: (m${i - 1} or m${i - 1})\n`;
    const r = await cli(['validate', '-r', rulesFile('doubling-ok.yaml', y + rule('m11'))]);
    expect(r.stdout).toBe(`${join(tmp, 'doubling-ok.yaml')}: Ok\n`);
    expect(r.code).toBe(0);
  });
  it('loads lists and exceptions of 300000 items (push(...items) overflowed the stack)', async () => {
    const items = Array.from({ length: 300_000 }, (_, i) => `a${i}`).join(', ');
    const files = {
      'list-ref.yaml': `- list: big\n  items: [${items}]\n- list: b\n  items: [big]\n${rule('proc.name in (b)')}`,
      'list-append.yaml': `- list: big\n  items: [a]\n- list: big\n  items: [${items}]\n  append: true\n${rule('proc.name in (big)')}`,
      'exc-append.yaml':
        `${rule('proc.name exists')}  exceptions:\n   - name: e\n     fields: proc.name\n     comps: in\n     values: [a]\n` +
        `- rule: r\n  exceptions:\n   - name: e\n     values: [${items}]\n  append: true\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      const r = await cli(['validate', '-r', rulesFile(name, text)]);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stdout).toMatch(/: Ok(, with warnings)?\n(LOAD_[A-Z_]+: \d+(, LOAD_[A-Z_]+: \d+)*\n)?$/);
      expect(r.code).toBe(0);
    }
  }, 240_000); // three 300,000-item files through validate: ~15 s on an idle 2-core machine, several times that under load
});
