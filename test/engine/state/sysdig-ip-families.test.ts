// Address comparisons of fd.ip, fd.net and the client/server/local/remote fields on IPv4, IPv6, IPv4-mapped
// and unbound sockets, checked against sysdig 0.29.3 itself (docs/sinsp-semantics.md#address-comparisons).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { sharedPath } from '../../helpers/paths.js';
import { Scenario } from '../../helpers/scenario.js';
import { sysdig } from '../../helpers/sysdig.js';

const tmp = mkdtempSync(join(tmpdir(), 'falco-replay-ipfam-'));
const lines = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

/** One process with a socket of every kind, each written to before and after it is connected. */
function capture(): string {
  const s = new Scenario({
    interfaces: [
      { kind: 'ipv4', name: 'lo', addr: '127.0.0.1', netmask: '255.0.0.0', broadcast: '127.0.0.1' },
      { kind: 'ipv4', name: 'eth0', addr: '10.0.0.2', netmask: '255.255.255.0', broadcast: '10.0.0.255' },
    ],
  });
  const p = s.process({
    pid: 800,
    comm: 'client',
    exe: '/usr/bin/client',
    fds: [
      { fd: 10, kind: 'listen', local: '[::]:8080' },
      { fd: 11, kind: 'listen', local: '0.0.0.0:8081' },
      { fd: 12, kind: 'tcp', local: '[2001:db8::2]:40010', remote: '[2001:db8::9]:22' },
      { fd: 13, kind: 'listen', local: '[2001:db8::2]:8443' },
    ],
  });
  p.write(10, 'v6 listener');
  p.write(11, 'v4 listener');
  p.write(12, 'v6 tuple from the process list');
  p.write(13, 'v6 listener on an address');
  const v6 = p.socket(10, 1);
  p.write(v6, 'unbound v6');
  p.connect(v6, '[2001:db8::7]:443', '[2001:db8::2]:40000');
  p.write(v6, 'connected v6');
  const u6 = p.socket(10, 2);
  p.write(u6, 'unbound v6 dgram');
  const m = p.socket(10, 1);
  p.connect(m, '[::ffff:192.0.2.9]:80', '[::ffff:10.0.0.2]:40001');
  p.write(m, 'v4-mapped');
  const odd = p.socket(10, 1);
  p.connect(odd, '[102:304::]:80', '[2001:db8::2]:40002');
  p.write(odd, 'v6 whose first bytes read as 1.2.3.4');
  const v4 = p.socket(2, 1);
  p.write(v4, 'unbound v4');
  p.connect(v4, '127.0.0.1:5432', '127.0.0.1:40003');
  p.write(v4, 'connected v4 loopback');
  const w4 = p.socket(2, 1);
  p.connect(w4, '192.0.2.7:443', '10.0.0.2:40004');
  p.write(w4, 'connected v4');
  const f = join(tmp, 'families.scap');
  writeFileSync(f, s.toBuffer());
  return f;
}

async function both(file: string, fmt: string, filter: string, extra: string[] = ['--raw']): Promise<{ sysdig: string[]; ours: string[] }> {
  const r = await cli(['events', ...extra, '-p', fmt, file, filter]);
  expect(r.stderr).toBe('');
  return { sysdig: sysdig(['-r', file, '-p', fmt, filter]), ours: lines(r.stdout) };
}

const FMT = '*%evt.num %evt.type %evt.dir %fd.num %fd.type %fd.name';

const FILTERS = [
  'fd.ip = 0.0.0.0',
  'fd.ip = ::',
  'fd.ip != 0.0.0.0',
  'fd.ip != ::',
  'fd.ip = 1.2.3.4',
  'fd.ip = 7f00:1::5',
  'fd.ip = 192.0.2.9',
  'fd.ip = ::ffff:c000:209',
  'fd.ip = 2001:db8::7',
  'fd.ip in (0.0.0.0, 2001:db8::9)',
  'fd.ip in (::, 192.0.2.7)',
  'fd.sip = 0.0.0.0',
  'fd.sip = ::',
  'fd.sip = 2001:db8::7',
  'fd.sip = 1.2.3.4',
  'fd.sip in (2001:db8::2, 192.0.2.9)',
  'fd.cip = 2001:db8::2',
  'fd.cip = 10.0.0.2',
  'fd.cip != 10.0.0.2',
  'fd.lip = 127.0.0.1',
  'fd.lip = 2001:db8::2',
  'fd.rip = 2001:db8::7',
  'fd.rip = 192.0.2.7',
  'fd.net = 0.0.0.0/0',
  'fd.net = 10.0.0.0/8',
  'fd.net = 192.0.2.0/24',
  'fd.net != 0.0.0.0/0',
  'fd.net != 192.0.2.0/24',
  'fd.net = 2001:db8::',
  'fd.net = ::',
  'fd.net = 7f00:0:ff00::',
  'fd.net in (192.0.2.0/24, 127.0.0.0/8)',
  'fd.snet = 192.0.2.0/24',
  'fd.snet = 0.0.0.0/0',
  'fd.snet = 2001:db8::',
  'fd.cnet = 10.0.0.0/8',
  'fd.cnet = ::',
  'fd.lnet = 127.0.0.0/8',
  'fd.rnet = 2001:db8::',
  'fd.rnet != 2001:db8::',
];

describe('address comparisons on IPv4, IPv6, IPv4-mapped and unbound sockets, as sysdig 0.29.3', () => {
  const file = capture();
  for (const filter of FILTERS) {
    it(filter, async () => {
      const r = await both(file, FMT, filter);
      expect(r.ours).toEqual(r.sysdig);
    });
  }
  it('field values of every socket event', async () => {
    const r = await both(file, `${FMT} sip=%fd.sip cip=%fd.cip lip=%fd.lip rip=%fd.rip sport=%fd.sport cport=%fd.cport l4=%fd.l4proto`, 'fd.num >= 3');
    expect(r.sysdig.length).toBeGreaterThan(10);
    expect(r.ours).toEqual(r.sysdig);
  });
});

describe('on the shared IPv6 captures', () => {
  for (const c of ['single_ipv6_conn.scap', 'test_ipv6_client.scap', 'connect_localhost.scap']) {
    it(c, async () => {
      for (const filter of FILTERS) {
        const r = await both(sharedPath('captures', c), '*%evt.num %fd.name', filter);
        expect([filter, r.ours]).toEqual([filter, r.sysdig]);
      }
    });
  }
});
