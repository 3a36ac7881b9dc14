import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EPF, FieldRegistry, KNOWN_PLUGINS, RulesEngine, walkFields } from '../../helpers/engine.js';
import { sharedPath } from '../../helpers/paths.js';

const registry = new FieldRegistry();

describe('field types of the fields the official rules use (docs/rules-language.md#fields-the-stock-rules-use)', () => {
  it.each([
    ['evt.type', 'CHARBUF'],
    ['evt.num', 'UINT64'],
    ['evt.rawres', 'INT64'],
    ['evt.res', 'CHARBUF'],
    ['evt.buffer', 'BYTEBUF'],
    ['evt.is_open_read', 'BOOL'],
    ['evt.args', 'CHARBUF'],
    ['proc.name', 'CHARBUF'],
    ['proc.aname[2]', 'CHARBUF'],
    ['proc.tty', 'UINT32'],
    ['proc.vpid', 'INT64'],
    ['proc.duration', 'RELTIME'],
    ['proc.exe_ino.ctime', 'ABSTIME'],
    ['proc.is_exe_upper_layer', 'BOOL'],
    ['proc.env[HOME]', 'CHARBUF'],
    ['thread.cap_effective', 'CHARBUF'],
    ['user.uid', 'UINT32'],
    ['user.loginuid', 'INT64'],
    ['group.gid', 'UINT32'],
    ['fd.num', 'INT64'],
    ['fd.sip', 'IPADDR'],
    ['fd.net', 'IPNET'],
    ['fd.lport', 'PORT'],
    ['fd.connected', 'BOOL'],
    ['fd.types', 'CHARBUF'],
    ['container.id', 'CHARBUF'],
    ['container.privileged', 'BOOL'],
    ['container.start_ts', 'ABSTIME'],
    ['container.mount.dest[/proc*]', 'CHARBUF'],
    ['k8s.ns.name', 'CHARBUF'],
    ['evt.arg.flags', 'CHARBUF'],
    ['evt.rawarg.res', 'ERRNO'],
  ])('%s is %s', (name, type) => expect(registry.resolve('syscall', name).type).toBe(type));

  it('marks filter-only and ancestor fields as libsinsp does', () => {
    const net = registry.resolve('syscall', 'fd.net').def;
    expect(net.flags & EPF.FILTER_ONLY).toBeTruthy();
    expect(net.flags & EPF.NO_RHS).toBeTruthy();
    expect(registry.resolve('syscall', 'proc.aname').def.multi).toBe('any-ancestor');
    expect(registry.resolve('syscall', 'fd.types').def.flags & EPF.IS_LIST).toBeTruthy();
  });

  it.each([
    ['k8s_audit', 'ka.verb', 'CHARBUF'],
    ['k8s_audit', 'ka.req.pod.containers.image', 'CHARBUF'],
    ['k8s_audit', 'jevt.value[/stage]', 'CHARBUF'],
    ['aws_cloudtrail', 'ct.user', 'CHARBUF'],
    ['aws_cloudtrail', 's3.bytes', 'UINT64'],
    ['aws_cloudtrail', 'json.value[/a/b]', 'CHARBUF'],
    ['aws_cloudtrail', 'evt.time.iso8601', 'CHARBUF'],
  ])('%s %s is %s', (source, name, type) => expect(registry.resolve(source, name).type).toBe(type));
});

describe('field arguments are parsed as libsinsp parses them', () => {
  it.each([
    ['evt.arg.flags', { raw: 'flags', key: 'flags' }],
    ['evt.arg[1]', { raw: '1', index: 1 }],
    ['proc.aname[2]', { raw: '2', index: 2 }],
    ['proc.env[HOME]', { raw: 'HOME', key: 'HOME' }],
    ['proc.env[3]', { raw: '3', index: 3 }],
    ['thread.cgroup.cpuacct', { raw: 'cpuacct', key: 'cpuacct' }],
    ['json.value[/user/name]', { raw: '/user/name', key: '/user/name' }],
    ['container.mount.dest[0]', { raw: '0', index: 0, key: '0' }],
    ['container.mount.dest[/proc*]', { raw: '/proc*', key: '/proc*' }],
    ['fd.types[1]', { raw: '1', index: 1 }],
  ])('%s', (name, arg) => expect(registry.resolve(name.startsWith('json') ? 'aws_cloudtrail' : 'syscall', name).arg).toMatchObject(arg));
  it('resolves evt.type.is.NAME to the event code', () => expect(registry.resolve('syscall', 'evt.type.is.open').arg?.key).toBe('open'));
  it('rejects what libsinsp rejects', () => {
    expect(() => registry.resolve('syscall', 'proc.aname[x]')).toThrow('filter_check called with nonexistent field proc.aname[x]');
    expect(() => registry.resolve('syscall', 'evt.arg[x]')).toThrow('x is not a valid number');
    expect(() => registry.resolve('syscall', 'evt.rawarg[1]')).toThrow('evt.arg fields must be expressed explicitly');
    expect(() => registry.resolve('syscall', 'container.mount.dest[01]')).not.toThrow();
    expect(() => registry.resolve('k8s_audit', 'ka.req.pod.containers.image[01]')).toThrow(
      'filter ka.req.pod.containers.image[01] ka.req.pod.containers.image has an invalid index argument starting with 0: 01',
    );
    expect(() => registry.resolve('syscall', 'proc.name.x')).toThrow('filter_check called with nonexistent field proc.name.x');
  });
});

describe('catalogue', () => {
  it('has a description and a known type for every field', () => {
    for (const { cls } of registry.listing()) {
      for (const f of cls.fields) {
        expect(f.desc.length, f.name).toBeGreaterThan(5);
        expect(f.type, f.name).toMatch(/^[A-Z0-9_]+$/);
      }
    }
  });
  it('knows every field used by the shared rules files, in conditions and outputs', () => {
    const dir = sharedPath('rules');
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      const engine = new RulesEngine();
      const res = engine.load(readFileSync(`${dir}/${f}`, 'utf8'), f);
      expect(res.errors).toEqual([]);
      for (const r of engine.compiled?.rules ?? []) {
        for (const name of walkFields(r.condition)) used.add(`${r.source} ${name}`);
        for (const name of r.output.fieldNames) used.add(`${r.source} ${name}`);
      }
    }
    expect(used.size).toBeGreaterThan(150);
    for (const u of used) {
      const [source, name] = u.split(' ') as [string, string];
      expect(registry.tryResolve(source, name), u).toBeDefined();
    }
  });
  it('loads only the plugins asked for', () => {
    const none = new FieldRegistry([]);
    expect(none.sources).toEqual(['syscall']);
    expect(none.tryResolve('syscall', 'container.id')).toBeUndefined();
    expect(new FieldRegistry(KNOWN_PLUGINS).sources).toEqual(['syscall', 'k8s_audit', 'aws_cloudtrail', 'gcp_auditlog']);
  });
});
