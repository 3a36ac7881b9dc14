// libsinsp parity checked against sysdig 0.29.3 itself: `fd.ip = 0.0.0.0` (and `fd.net`) match an IPv4 socket
// that is created but not yet bound or connected, and `proc.env` of a process with an empty environment.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { Scenario } from '../../helpers/scenario.js';
import { sharedPath } from '../../helpers/paths.js';
import { sysdig } from '../../helpers/sysdig.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-unbound-'));
const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

function capture(): string {
  const s = new Scenario();
  const p = s.process({ pid: 700, comm: 'client', exe: '/usr/bin/client' });
  const fd = p.socket(2, 1);
  p.write(fd, 'early');
  p.connect(fd, '192.0.2.7:443');
  p.write(fd, 'late');
  const u = p.socket(2, 2);
  p.write(u, 'dgram');
  const child = p.clone();
  child.execve('/usr/bin/noenv', ['noenv'], { env: [] });
  child.open('/etc/hosts');
  const f = join(tmp, 'unbound.scap');
  writeFileSync(f, s.toBuffer());
  return f;
}

async function both(file: string, fmt: string, filter: string, extra: string[] = ['--raw']): Promise<{ sysdig: string[]; ours: string[] }> {
  const r = await cli(['events', ...extra, '-p', fmt, file, filter]);
  expect(r.stderr).toBe('');
  return { sysdig: sysdig(['-r', file, '-p', fmt, filter]), ours: lines(r.stdout) };
}

describe('fd.ip = 0.0.0.0 on a socket not yet bound or connected', () => {
  const file = capture();
  for (const filter of ['fd.ip = 0.0.0.0', 'fd.net = 0.0.0.0/8', 'fd.ip != 0.0.0.0 and fd.type=ipv4']) {
    it(`${filter}: the events sysdig selects`, async () => {
      const r = await both(file, '*%evt.num %evt.type %evt.dir %fd.num %fd.name', filter);
      expect(r.sysdig.length).toBeGreaterThan(0);
      expect(r.ours).toEqual(r.sysdig);
    });
  }

  it('on the shared captures, as sysdig (IPv4 sockets)', async () => {
    for (const c of ['connect_localhost.scap', 'curl_google.scap', 'ping_sendto.scap', 'sample.scap']) {
      const r = await both(sharedPath('captures', c), '*%evt.num %fd.name', 'fd.type=ipv4 and fd.ip = 0.0.0.0');
      expect([c, r.ours]).toEqual([c, r.sysdig]);
    }
  });
});

describe('proc.env', () => {
  it('of an empty environment is printed as sysdig prints it', async () => {
    const r = await both(capture(), '*%evt.num %proc.name [%proc.env]', 'proc.name=noenv');
    expect(r.sysdig.length).toBeGreaterThan(0);
    expect(r.ours).toEqual(r.sysdig);
  });
});
