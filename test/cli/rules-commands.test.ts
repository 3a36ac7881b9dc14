import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath, sharedPath } from '../helpers/paths.js';

const stable = sharedPath('rules', 'falco_rules-5.1.0.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-rules-'));
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('validate', () => {
  it('accepts valid files with exit code 0', async () => {
    const r = await cli(['validate', '-r', stable]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${stable}: Ok\n`);
  });
  it('reports an invalid file Falco-style with the exact place, exit code 1', async () => {
    const bad = fixturePath('rules', 'load-codes', 'LOAD_ERR_COMPILE_CONDITION.yaml');
    const r = await cli(['validate', '-r', stable, '-r', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${bad}: Invalid\n1 Errors:\nIn rules content: (${bad}:0:0)\n    rule 'unknown field': (${bad}:1:2)`);
    expect(r.stdout).toContain('------\n    proc.nosuch = cat\n    ^\n------\nLOAD_ERR_COMPILE_CONDITION (Error compiling condition): filter_check called with nonexistent field proc.nosuch\n');
    expect(r.stdout).toContain(`  at ${bad}:8:5`);
    expect(r.stderr).toBe('Error: 1 of 2 rules files invalid\n');
  });
  it("prints Falco's falco_load_results JSON", async () => {
    const bad = fixturePath('rules', 'load-codes', 'LOAD_ERR_VALIDATE.yaml');
    const r = await cli(['validate', '--json', '-r', stable, '-r', bad]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { falco_load_results: Record<string, unknown>[] };
    expect(Object.keys(j)).toEqual(['falco_load_results']);
    const [ok, ko] = j.falco_load_results as [Record<string, unknown>, Record<string, unknown>];
    expect(Object.keys(ok)).toEqual(['errors', 'name', 'schema_valid', 'schema_warnings', 'successful', 'warnings']);
    expect(ok).toMatchObject({ errors: [], name: stable, schema_valid: true, schema_warnings: [], successful: true, warnings: [] });
    expect(ko.successful).toBe(false);
    expect(ko.errors).toEqual([
      {
        code: 'LOAD_ERR_VALIDATE',
        codedesc: 'Error validating rule/macro/list/exception objects',
        context: {
          locations: [
            { item_name: '', item_type: 'rules content', position: { column: 0, line: 0, name: bad, offset: 0 } },
            { item_name: 'undefined macro', item_type: 'rule', position: { column: 2, line: 1, name: bad, offset: 116 } },
            { item_name: '', item_type: 'condition expression', position: { column: 23, line: 2, name: '"evt.type = open a..."', offset: 136 } },
          ],
          snippet: 'evt.type = open and is_cat\n                         ^\n',
        },
        message: "Undefined macro 'is_cat' used in filter.",
      },
    ]);
  });
  it('loads the YAML files of a directory in sorted order and skips other files', async () => {
    const dir = join(tmp, 'dir');
    mkdirSync(dir);
    writeFileSync(join(dir, 'b.yaml'), '- macro: m\n  condition: proc.name = cat\n');
    writeFileSync(join(dir, 'a.yml'), '- list: l\n  items: [x]\n');
    writeFileSync(join(dir, 'notes.txt'), 'not rules');
    const r = await cli(['validate', '-r', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${join(dir, 'a.yml')}: Ok, with warnings\n${join(dir, 'b.yaml')}: Ok, with warnings\nLOAD_UNUSED_LIST: 2, LOAD_UNUSED_MACRO: 1\n`);
    expect(r.stderr).toContain('LOAD_UNUSED_LIST (Unused list): List not referred to by any other rule/macro');
  });
  it('fails on an unreadable file as Falco does', async () => {
    const r = await cli(['validate', '-r', join(tmp, 'missing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: Could not open file ${join(tmp, 'missing.yaml')} for reading\n`);
  });
  it('fails when a required plugin is not loaded', async () => {
    const r = await cli(['validate', '--plugins', 'none', '-r', stable]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: Plugin requirement not satisfied, must load one of: container (>= 0.4.0)\n');
  });
  it('rejects an unknown plugin name as a usage error', async () => {
    const r = await cli(['validate', '--plugins', 'nope', '-r', stable]);
    expect(r.code).toBe(2);
  });
  it('escapes control characters from rules files', async () => {
    const p = write('evil.yaml', '- rule: "x\\e[31mred"\n  desc: d\n  condition: nosuch.field = 1\n  output: o\n  priority: INFO\n');
    const r = await cli(['validate', '-r', p]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain("rule 'x\\x1b[31mred'");
  });
});

describe('describe', () => {
  it('summarises each rule', async () => {
    const r = await cli(['describe', '-r', stable]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rule: Terminal shell in container\n  priority: Notice  enabled: yes  source: syscall\n');
    expect(r.stdout).toMatch(/ {2}event types: asyncevent, execve, execveat\n/);
    expect(r.stdout).toMatch(/25 rules \(25 enabled\), \d+ macros, \d+ lists\n$/);
  });
  it("prints Falco's describe JSON", async () => {
    const r = await cli(['describe', '--json', '-r', stable, '--rule', 'Terminal shell in container']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { rules: { info: { name: string }; details: { events: string[] } }[] };
    expect(j.rules.map((x) => x.info.name)).toEqual(['Terminal shell in container']);
    expect(j.rules[0]?.details.events).toEqual(['asyncevent', 'execve', 'execveat']);
  });
  it('names the closest rules when --rule (falco -l) names none that is loaded', async () => {
    const r = await cli(['describe', '-r', stable, '--rule', 'Terminal shel in container']);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'Error: Rule "Terminal shel in container" is not loaded (closest: "Terminal shell in container")\n']);
  });
  it('refuses invalid rules', async () => {
    const r = await cli(['describe', '-r', fixturePath('rules', 'load-codes', 'LOAD_ERR_VALIDATE.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LOAD_ERR_VALIDATE');
  });
});

describe('fields', () => {
  it('lists field classes as falco --list does', async () => {
    const r = await cli(['fields']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-------------------------------\nField Class:                  evt (All event types)\n');
    expect(r.stdout).toContain('Event Sources:                aws_cloudtrail gcp_auditlog k8s_audit syscall \n');
    expect(r.stdout).toMatch(/\nproc\.aname {20}\(ARG_ALLOWED,EPF_NO_RHS,EPF_NO_TRANSFORMER\) command name of an ancestor/);
    expect(r.stdout).not.toContain('evt.latency ');
  });
  it('shows types with -v', async () => expect((await cli(['fields', '-v'])).stdout).toMatch(/\nproc\.tty {22}\(Type: UINT32\) /));
  it("prints Falco's JSON catalogue", async () => {
    const r = await cli(['fields', '--json', '--source', 'k8s_audit']);
    const j = JSON.parse(r.stdout) as { fieldclasses: { name: string; fields: { name: string; argument: unknown }[] }[] };
    expect(j.fieldclasses.map((c) => c.name)).toEqual(['evt', 'k8saudit', 'json']);
    const param = j.fieldclasses[1]?.fields.find((f) => f.name === 'ka.uri.param');
    expect(param?.argument).toEqual({ required: true, type: ['KEY'] });
  });
  it('prints names only', async () => {
    const r = await cli(['fields', '--names']);
    expect(r.stdout.split('\n')).toContain('fd.name');
  });
  it('rejects an unknown source', async () => expect((await cli(['fields', '--source', 'nope'])).code).toBe(2));
});
