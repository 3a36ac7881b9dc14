import { describe, expect, it } from 'vitest';
import {
  collectEvents,
  FLAG_TABLES,
  flagNames,
  formatG,
  ipv6Text,
  joinPath,
  parseIpv6,
  renderArg,
  renderArgs,
  renderParam,
  SYSDIG_0293_SCHEMA,
  writeCaptureBuffer,
  type EventInput,
  type ParamResolver,
  type ScapEvent,
} from '../helpers/scap.js';

function one(e: Omit<EventInput, 'ts' | 'tid'> & { tid?: number }, schema?: typeof SYSDIG_0293_SCHEMA): ScapEvent {
  const data = writeCaptureBuffer((w) => {
    w.writeSectionHeader();
    w.writeEvent({ ts: 1n, tid: e.tid ?? 7, ...e });
  });
  return collectEvents(data, schema ? { schema } : {}).events[0] as ScapEvent;
}

const known: ParamResolver = {
  threadKnown: () => true,
  fd: (_e, fd) => (fd === 3 ? '<f>/etc/passwd' : undefined),
  comm: (_e, pid) => (pid === 7 ? 'bash' : undefined),
  baseDir: () => '/home/u/',
  user: (_e, uid) => (uid === 0 ? 'root' : undefined),
};

describe('renderArgs (sysdig evt.args)', () => {
  it('prints values, resolutions and the trailing space', () => {
    const e = one({ type: 3, params: [3, '/etc/passwd', 4097, 0o644, 0x803, 12] });
    expect(renderArgs(e)).toBe('fd=3 name=/etc/passwd flags=4097(O_RDONLY|O_CLOEXEC) mode=0644 dev=803 ino=12 ');
    expect(renderArgs(e, { resolver: known })).toBe('fd=3(<f>/etc/passwd) name=/etc/passwd flags=4097(O_RDONLY|O_CLOEXEC) mode=0644 dev=803 ino=12 ');
  });

  it('resolves errno names, AT_FDCWD and negative fds only for known threads, like sysdig', () => {
    const open = one({ type: 307, params: [-13, -100, 'x/../y', 1, 0, 0, 0] });
    expect(renderArgs(open)).toBe('fd=-13 dirfd=-100 name=x/../y flags=1(O_RDONLY) mode=0 dev=0 ino=0 ');
    expect(renderArgs(open, { resolver: known })).toBe('fd=-13(EACCES) dirfd=-100(AT_FDCWD) name=x/../y(/home/u/y) flags=1(O_RDONLY) mode=0 dev=0 ino=0 ');
    const read = one({ type: 7, params: [-11, null, 3, 10] });
    expect(renderParam(read, 0)).toEqual({ name: 'res', value: '-11', resolved: 'EAGAIN' });
    expect(renderArg(read, 'data')).toBe('NULL');
    expect(renderArg(read, 'data', { legacy: true })).toBe('');
  });

  it('prints addresses, tuples and fd lists', () => {
    const c = one({ type: 23, params: [0, '[::ffff:10.0.0.1]:5000->[::ffff:10.0.0.2]:80', 3, '[2001:db8::1]:443'] });
    expect(renderArgs(c)).toBe('res=0 tuple=10.0.0.1:5000->10.0.0.2:80 fd=3 addr=2001:db8::1:443 ');
    const u = one({ type: 23, params: [0, { family: 1, kind: 'unix', srcPtr: 'ffff88001', dstPtr: '0', path: '/run/x' }, 4, '/run/x'] });
    expect(renderArg(u, 'tuple')).toBe('ffff88001->0 /run/x');
    const read = one({ type: 6, params: [3, 4] });
    expect(renderArg(read, 'fd', { resolver: known })).toBe('<f>/etc/passwd');
    const pollEv = one({ type: 80, params: [[{ fd: 4, flags: 1 }, { fd: 5, flags: 0x8004 }], 1000] });
    expect(renderArg(pollEv, 'fds')).toBe('4:?1 5:?ffff8004');
  });

  it('truncates buffers to 80 characters with ... unless asked not to, dotting non-printable bytes', () => {
    const long = Buffer.concat([Buffer.from('GET / HTTP/1.1\r\n'), Buffer.alloc(100, 0x41)]);
    const e = one({ type: 7, params: [long.length, long, 3, 4096] });
    const d = renderArg(e, 'data') as string;
    expect(d).toHaveLength(80);
    expect(d.startsWith('GET / HTTP/1.1..AAA')).toBe(true);
    expect(d.endsWith('A...')).toBe(true);
    expect(renderArg(e, 'data', { maxBufLen: 0 })).toHaveLength(long.length);
    expect(renderArg(e, 'data', { buffer: 'hex', maxBufLen: 0 })).toBe(long.toString('hex'));
  });

  it('prints numbers with the table formats (hex, octal, padded, signed like libsinsp)', () => {
    // mmap's res is an ERRNO today (decimal) and was a hex UINT64 in sysdig 0.29.3's table.
    expect(renderArg(one({ type: 161, params: [0x7f00aabbc000n, 100, 2, 0] }), 'res')).toBe(String(0x7f00aabbc000));
    const old = one({ type: 161, params: [0x7f00aabbc000n, 100, 2, 0] }, SYSDIG_0293_SCHEMA);
    expect(renderArgs(old)).toBe('res=7F00AABBC000 vm_size=100 vm_rss=2 vm_swap=0 ');
    const mmapE = one({ type: 160, params: [0, 4096, 3, 10, -1, 0] });
    expect(renderArgs(mmapE, { resolver: known })).toBe('addr=0 length=4096 prot=3(PROT_READ|PROT_WRITE) flags=10(MAP_PRIVATE|MAP_ANONYMOUS) fd=-1(EPERM) offset=0 ');
    expect(renderParam(one({ type: 134, params: [1_500_000n] }), 0)).toEqual({ name: 'interval', value: '1500000', resolved: '0.0015s' });
    expect(renderParam(one({ type: 134, params: [-1n] }), 0).value).toBe('none');
  });

  it('resolves users, pids and syscall ids', () => {
    const setuid = one({ type: 198, params: [0] });
    expect(renderArgs(setuid)).toBe('uid=0(<NA>) ');
    expect(renderArgs(setuid, { resolver: known })).toBe('uid=0(root) ');
    const kill = one({ type: 128, params: [7, 9] });
    expect(renderArgs(kill, { resolver: known })).toBe('pid=7(bash) sig=9(SIGKILL) ');
  });

  it('prints nothing for generic syscall events, like sysdig', () => {
    const g = one({ type: 0, params: [75, 10] });
    expect(renderArgs(g)).toBe('');
    expect(g.typeName).toBe('mprotect');
    expect(one({ type: 0, params: [0, 0] }).typeName).toBe('<unknown>');
  });
});

describe('helpers', () => {
  it('resolves bit flags in table order, current and 2022 variants', () => {
    const t = FLAG_TABLES['file_flags'] ?? [];
    expect(flagNames(t, 4097, false, false)).toBe('O_RDONLY|O_CLOEXEC');
    expect(flagNames(t, 0, false, false)).toBe('O_NONE');
    expect(flagNames(t, 3, false, true)).toBe('O_RDWR');
    expect(flagNames(FLAG_TABLES['socket_families'] ?? [], 2, true, false)).toBe('AF_INET');
    const open = one({ type: 3, params: [3, '/x', 4097 | 4, 0, 0, 0] });
    expect(open.paramFlagNames(2)).toEqual(['O_CREAT', 'O_RDONLY', 'O_CLOEXEC']);
    expect(one({ type: 19, params: [3, 10, 1, 0, 0] }).paramFlagNames(1)).toEqual(['AF_INET6']);
  });

  it('formats like C %g', () => {
    expect([0, 1e-6, 0.0015, 1.5, 123456, 1234567, 0.0001, 0.00001234].map(formatG)).toEqual(['0', '1e-06', '0.0015', '1.5', '123456', '1.23457e+06', '0.0001', '1.234e-05']);
  });

  it('prints IPv6 like inet_ntop and joins paths like libsinsp', () => {
    const t = (s: string): string => ipv6Text(parseIpv6(s) as Uint8Array, 0);
    expect([t('::'), t('::1'), t('2001:db8:0:0:1:0:0:1'), t('::ffff:1.2.3.4'), t('fe80::'), t('1:0:0:2:0:0:0:3'), t('1:0:0:2:0:0:3:4')]).toEqual(['::', '::1', '2001:db8::1:0:0:1', '::ffff:1.2.3.4', 'fe80::', '1:0:0:2::3', '1::2:0:0:3:4']);
    expect(joinPath('/home/u/', '../x/./y/')).toBe('/home/x/y');
  });
});
