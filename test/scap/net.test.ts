// The address module: inet_pton strictness (what libsinsp reads rule constants and state with), inet_ntop
// printing, libsinsp's IPv4-in-IPv6 test, and CIDR matching (fd.net, fd.snet...). The accept/reject tables
// were produced with glibc's inet_pton (Python's socket.inet_pton); 6,000 random strings over the same
// alphabets agreed too when the module was written.
import { describe, expect, it } from 'vitest';
import { carriesIpv4, embeddedIpv4, ipEquals, ipInNet, ipv4Net, ipv4NumberText, ipv4Text, ipv6Text, isIpv4Mapped, parseIpv4, parseIpv4Bytes, parseIpv6 } from '../../src/scap/net.js';

const bytes = (text: string): number[] | undefined => {
  const b = parseIpv6(text);
  return b ? [...b] : undefined;
};
const v6 = (text: string): Uint8Array => parseIpv6(text) ?? expect.fail(`${text} did not parse`);

describe('IPv4 text (inet_pton)', () => {
  it.each(['1.2.3.4', '0.0.0.0', '255.255.255.255', '10.0.0.1'])('accepts %j', (t) => {
    expect(ipv4NumberText(parseIpv4(t) ?? -1)).toBe(t);
  });
  it.each(['256.1.1.1', '1000.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '1.2.3.4.', '.1.2.3.4', ' 1.2.3.4', '1.2.3.4 ', '+1.2.3.4', '0x1.2.3.4', '1.2.3.-4', '', '1.2.3.4/8'])(
    'rejects %j',
    (t) => expect(parseIpv4(t)).toBeUndefined(),
  );
  it.each(['01.2.3.4', '1.2.3.04', '0.0.0.00', '192.168.001.1'])('rejects the leading zero of %j (neither octal nor decimal)', (t) => {
    expect(parseIpv4(t)).toBeUndefined();
  });
  it('gives host-order numbers and network-order bytes', () => {
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect([...(parseIpv4Bytes('192.168.1.2') ?? [])]).toEqual([192, 168, 1, 2]);
    expect(ipv4Text(Uint8Array.of(9, 192, 168, 1, 2), 1)).toBe('192.168.1.2');
  });
  it('refuses long hostile text without scanning it', () => {
    expect(parseIpv4('1'.repeat(1_000_000))).toBeUndefined();
    expect(parseIpv6(':'.repeat(1_000_000))).toBeUndefined();
  });
});

describe('IPv6 text (inet_pton)', () => {
  it('expands zero compression anywhere, including a single zero group', () => {
    expect(bytes('::')).toEqual(new Array(16).fill(0));
    expect(bytes('::1')).toEqual([...new Array(15).fill(0), 1]);
    expect(bytes('1::')).toEqual([0, 1, ...new Array(14).fill(0)]);
    expect(bytes('1:2:3:4:5:6:7::')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]);
    expect(bytes('::2:3:4:5:6:7:8')).toEqual([0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect(bytes('2001:db8::1:0:0:1')).toEqual(bytes('2001:db8:0:0:1:0:0:1'));
    expect(bytes('0:0:0:0:0:0:0:0')).toEqual(bytes('::'));
  });
  it('reads hex of either case with leading zeros up to four digits', () => {
    expect(bytes('FE80::ABCD:0001')).toEqual(bytes('fe80::abcd:1'));
    expect(bytes('fe80::00001')).toBeUndefined();
    expect(bytes('12345::')).toBeUndefined();
  });
  it('reads a dotted IPv4 tail in the last 32 bits only', () => {
    expect(bytes('::ffff:1.2.3.4')).toEqual([...new Array(10).fill(0), 0xff, 0xff, 1, 2, 3, 4]);
    expect(bytes('::1.2.3.4')).toEqual([...new Array(12).fill(0), 1, 2, 3, 4]);
    expect(bytes('1:2:3:4:5:6:1.2.3.4')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4]);
    for (const t of ['1:2:3:4:5:6:7:1.2.3.4', '::ffff:1.2.3', '::ffff:01.2.3.4', '::ffff:256.1.1.1', '::ffff:1.2.3.4:5', '::a.2.3.4', '1.2.3.4']) expect(bytes(t), t).toBeUndefined();
  });
  it.each(['1:2:3:4:5:6:7:8::', '::1:2:3:4:5:6:7:8', '1::2::3', ':::', '1:::2', ':1::', '1::2:', '1:', ':', '', '1:2:3:4:5:6:7', 'g::1', '::1 ', 'fe80::1%eth0'])('rejects %j', (t) => {
    expect(parseIpv6(t)).toBeUndefined();
  });
  it('prints as inet_ntop does: the longest zero run compressed (the first on ties, never a single group), IPv4 tails dotted', () => {
    const cases: [string, string][] = [
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
      ['FE80:0000::00AB', 'fe80::ab'],
      ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
      ['::10.0.0.1', '::10.0.0.1'],
      ['::ffff:0:a00:1', '::ffff:0:a00:1'],
    ];
    for (const [input, text] of cases) expect(ipv6Text(v6(input), 0), input).toBe(text);
  });
});

describe('IPv4 inside IPv6 socket addresses', () => {
  it('tells IPv4-mapped addresses, and (as libsinsp does) takes the all-zero address as IPv4 too', () => {
    expect(isIpv4Mapped(v6('::ffff:1.2.3.4'), 0)).toBe(true);
    expect(isIpv4Mapped(v6('::'), 0)).toBe(false);
    expect(carriesIpv4(v6('::ffff:1.2.3.4'))).toBe(true);
    expect(carriesIpv4(v6('::'))).toBe(true);
    expect(carriesIpv4(v6('::1'))).toBe(false);
    expect(carriesIpv4(v6('::1.2.3.4'))).toBe(false);
    expect(carriesIpv4(v6('1::ffff:1.2.3.4'))).toBe(false);
    expect(ipv4NumberText(embeddedIpv4(v6('::ffff:192.168.7.9')))).toBe('192.168.7.9');
  });
});

describe('networks (CIDR, as fd.net and friends compare)', () => {
  const ip = (t: string): number => parseIpv4(t) ?? expect.fail(t);
  it('matches IPv4 networks of every prefix length, /0 matching everything', () => {
    const net8 = ipv4Net(ip('10.0.0.0'), 8);
    expect(ipInNet(ip('10.255.1.2'), net8)).toBe(true);
    expect(ipInNet(ip('11.0.0.1'), net8)).toBe(false);
    expect(ipInNet(ip('192.168.1.77'), ipv4Net(ip('192.168.1.64'), 26))).toBe(true);
    expect(ipInNet(ip('192.168.1.128'), ipv4Net(ip('192.168.1.64'), 26))).toBe(false);
    expect(ipInNet(ip('1.2.3.4'), ipv4Net(ip('1.2.3.4'), 32))).toBe(true);
    expect(ipInNet(ip('1.2.3.5'), ipv4Net(ip('1.2.3.4'), 32))).toBe(false);
    expect(ipInNet(ip('200.1.2.3'), ipv4Net(ip('0.0.0.0'), 0))).toBe(true);
    // Host bits set in the network address are ignored, as with a mask.
    expect(ipInNet(ip('10.1.2.3'), ipv4Net(ip('10.9.9.9'), 8))).toBe(true);
  });
  it('matches IPv6 prefixes on whole and partial bytes', () => {
    const net = { v: 6 as const, addr: v6('fd00::'), prefix: 8 };
    expect(ipInNet(v6('fd12:3456::1'), net)).toBe(true);
    expect(ipInNet(v6('fe00::1'), net)).toBe(false);
    const net7 = { v: 6 as const, addr: v6('fc00::'), prefix: 7 };
    expect(ipInNet(v6('fdff::1'), net7)).toBe(true);
    expect(ipInNet(v6('fe00::1'), net7)).toBe(false);
    const net127 = { v: 6 as const, addr: v6('2001:db8::2'), prefix: 127 };
    expect(ipInNet(v6('2001:db8::3'), net127)).toBe(true);
    expect(ipInNet(v6('2001:db8::4'), net127)).toBe(false);
  });
  it('never matches across families, nor equates them', () => {
    expect(ipInNet(v6('::ffff:10.0.0.1'), ipv4Net(ip('10.0.0.0'), 8))).toBe(false);
    expect(ipInNet(ip('10.0.0.1'), { v: 6, addr: v6('::'), prefix: 1 })).toBe(false);
    expect(ipEquals(ip('10.0.0.1'), v6('::ffff:10.0.0.1'))).toBe(false);
    expect(ipEquals(v6('::1'), v6('0::1'))).toBe(true);
    expect(ipEquals(ip('10.0.0.1'), ip('10.0.0.1'))).toBe(true);
  });
});
