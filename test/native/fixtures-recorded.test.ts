// The captures in fixtures/recorded/ are read in full by sysdig 0.29.3 and show what their README says.
// (Reading them needs no privileges; only re-recording does.)
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecorderStats, RECORDER_STATS_EVENT_NAME } from '../../src/native/index.js';
import { fixturePath } from '../helpers/paths.js';
import { replayObjects, sysdigObjects, walkBlocks } from './helpers.js';
import { checkExpectations, currentFalcoExpectations, FIELDS, issueExpectations } from './issue-expectations.js';
import type { Row } from './issue-expectations.js';

const dir = fixturePath('recorded');
const captures = readdirSync(dir).filter((f) => f.endsWith('.scap'));

describe('fixtures/recorded', () => {
  it('holds the demo and the issue captures', () => {
    expect(captures.sort()).toEqual(['demo-payments-api-shell.scap', 'shell-redirect-copy-exec.current.scap', 'shell-redirect-copy-exec.scap']);
  });

  for (const name of captures) {
    it(`${name}: sysdig 0.29.3 reads every event it knows, and the recorder dropped nothing`, () => {
      const file = fixturePath('recorded', name);
      const walk = walkBlocks(file);
      expect(walk.trailing).toBe(0);
      const r = sysdigObjects(file, ['evt.num']);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      // the 2022 reader skips codes it does not know (>= 336): only our trailing stats event in compat files
      const known = walk.events.filter((e) => e.type < 336).length;
      expect(r.rows.length).toBe(known);
      const last = walk.events.at(-1)!;
      expect(last.type).toBe(402);
      expect(last.params[1]!.toString('utf8')).toBe(`${RECORDER_STATS_EVENT_NAME}\0`);
      const stats = parseRecorderStats(RECORDER_STATS_EVENT_NAME, last.params[2]!);
      expect(stats).toMatchObject({ recorder: 'falco-replay', mode: 'tree', drops: 0 });
    });
  }

  it('shell-redirect-copy-exec.scap: the issue command, field by field in sysdig', () => {
    const r = sysdigObjects(fixturePath('recorded', 'shell-redirect-copy-exec.scap'), FIELDS, "evt.dir='<' and evt.type in (execve, openat, write, copy_file_range)");
    expect(checkExpectations(r.rows as Row[], issueExpectations(125640))).toEqual([]);
  });

  {
    it('shell-redirect-copy-exec.scap: the issue command, field by field in falco-replay (sysdig-0.29.3 profile and current Falco)', async () => {
      const file = fixturePath('recorded', 'shell-redirect-copy-exec.scap');
      const filter = "evt.dir='<' and evt.type in (execve, openat, write, copy_file_range)";
      const legacy = await replayObjects(file, FIELDS, filter);
      expect(checkExpectations(legacy as Row[], issueExpectations(125640))).toEqual([]);
      expect(legacy).toEqual(sysdigObjects(file, FIELDS, filter).rows);
      const current = await replayObjects(file, FIELDS, filter, ['--convert']);
      expect(checkExpectations(current as Row[], currentFalcoExpectations(125640))).toEqual([]);
    });
  }

  it('shell-redirect-copy-exec.current.scap: current Falco takes each exe path from trusted_exepath, not from the recorder', async () => {
    const file = fixturePath('recorded', 'shell-redirect-copy-exec.current.scap');
    const rows = await replayObjects(file, ['proc.name', 'proc.exepath', 'evt.arg.trusted_exepath'], "evt.type=execve and evt.dir='<'", ['--convert']);
    expect(rows.map((r) => [r['proc.name'], r['proc.exepath']])).toEqual([
      ['sh', '/usr/bin/dash'],
      ['cat', '/usr/bin/cat'],
      ['cp', '/usr/bin/cp'],
      ['hoge', '/dev/shm/hoge'],
    ]);
    for (const r of rows) expect(r['evt.arg.trusted_exepath']).toBe(r['proc.exepath']);
  });

  it('demo-payments-api-shell.scap: a shell spawned from payments-api reads /etc/shadow, writes below /etc, connects out', () => {
    const file = fixturePath('recorded', 'demo-payments-api-shell.scap');
    const f = ['evt.type', 'proc.name', 'proc.pname', 'proc.aname[2]', 'proc.exepath', 'fd.name', 'evt.args'] as const;
    const rows = sysdigObjects(file, f, "evt.dir='<'").rows;
    const find = (pred: (x: Record<string, string>) => boolean): Record<string, string> | undefined => rows.find(pred);
    expect(find((x) => x['evt.type'] === 'execve' && x['proc.name'] === 'payments-api')?.['proc.exepath']).toBe('/opt/payments-api/payments-api');
    expect(rows.filter((x) => x['evt.type'] === 'accept' && x['proc.name'] === 'payments-api')).toHaveLength(2);
    const shadow = find((x) => x['evt.type'] === 'openat' && x['fd.name'] === '/etc/shadow');
    expect(shadow).toMatchObject({ 'proc.name': 'cat', 'proc.pname': 'sh', 'proc.aname[2]': 'payments-api' });
    expect(shadow?.['evt.args']).toMatch(/^fd=3\(<f>\/etc\/shadow\)/);
    const cron = find((x) => x['evt.type'] === 'openat' && x['fd.name'] === '/etc/cron.d/payments-maint');
    expect(cron).toMatchObject({ 'proc.name': 'sh', 'proc.pname': 'payments-api' });
    expect(cron?.['evt.args']).toContain('flags=262(O_TRUNC|O_CREAT|O_WRONLY)');
    const c2 = find((x) => x['evt.type'] === 'connect' && x['proc.name'] === 'curl' && (x['evt.args'] ?? '').includes('203.0.113.10:4444'));
    expect(c2).toMatchObject({ 'proc.pname': 'sh', 'proc.aname[2]': 'payments-api' });
    expect(c2?.['evt.args']).toMatch(/^res=-115\(EINPROGRESS\) tuple=[\d.]+:\d+->203\.0\.113\.10:4444/);
    expect(find((x) => x['evt.type'] === 'execve' && x['proc.name'] === 'sh' && x['proc.pname'] === 'payments-api' && (x['evt.args'] ?? '').includes('cat /etc/shadow'))).toBeDefined();
  });
});
