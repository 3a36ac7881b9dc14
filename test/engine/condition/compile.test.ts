import { describe, expect, it } from 'vitest';
import { compileFilter, ExtractionCache, FieldRegistry, parseCondition } from '../../helpers/engine.js';
import { compileErrorOf, evaluator, warningsOf } from '../../helpers/fake-event.js';

const ev = (cond: string, values: Record<string, unknown>, source?: string): boolean => evaluator(cond, source)(values as never);

describe('missing values (docs/rules-language.md#missing-values)', () => {
  const missing = {};
  it.each(['proc.name = x', 'proc.name != x', 'proc.name exists', 'proc.name in (x)', 'proc.name contains x', 'proc.pid > 1', 'proc.name regex .*'])(
    '%s is false when the field is missing',
    (c) => expect(ev(c, missing)).toBe(false),
  );
  it.each(['not proc.name = x', 'not proc.name exists', 'not proc.name in ("<NA>")', 'not proc.name != x'])('%s is true when the field is missing', (c) =>
    expect(ev(c, missing)).toBe(true),
  );
  it('compares the literal <NA> placeholder as a real value', () => expect(ev('user.name = "<NA>"', { 'user.name': '<NA>' })).toBe(true));
  it('is false for a missing right-hand field', () => expect(ev('proc.name = val(proc.pname)', { 'proc.name': 'a' })).toBe(false));
});

describe('string operators', () => {
  const v = { 'proc.name': 'Bash', 'fd.name': '/usr/bin/ls' };
  it.each([
    ['proc.name = Bash', true],
    ['proc.name == Bash', true],
    ['proc.name = bash', false],
    ['proc.name != bash', true],
    ['proc.name contains as', true],
    ['proc.name icontains AS', true],
    ['proc.name startswith Ba', true],
    ['proc.name endswith sh', true],
    ['proc.name startswith ""', true],
    ['fd.name glob /usr/*', true],
    ['fd.name glob "/usr/bin/l?"', true],
    ['fd.name glob /usr/bin/[a-k]*', false],
    ['fd.name iglob /USR/*', true],
    ['proc.name in (sh, Bash)', true],
    ['proc.name intersects (sh, Bash)', true],
    ['proc.name in ()', false],
    ['fd.name pmatch (/usr/bin)', true],
    ['fd.name pmatch (/usr/bi)', false],
    ['fd.name pmatch (/usr/*/ls)', true],
    ['fd.name pmatch (/usr/bin/ls/x)', false],
    ['fd.name regex "/usr/.*"', true],
    ['fd.name regex "usr"', false],
    ['fd.name regex "^/usr/bin/ls$"', true],
  ])('%s → %s', (c, want) => expect(ev(c, v)).toBe(want));
  it('orders strings byte-wise against another field (constants after < must be numbers)', () => {
    expect(ev('proc.name < val(proc.pname)', { 'proc.name': 'Bash', 'proc.pname': 'Bz' })).toBe(true);
    expect(ev('proc.name >= val(proc.pname)', { 'proc.name': 'Bash', 'proc.pname': 'Bash' })).toBe(true);
  });
  it('folds ASCII letters only for icontains', () => expect(ev('proc.name icontains "é"', { 'proc.name': 'É' })).toBe(false));
  it('matches the whole value with regex, linear time on hostile input', () => {
    const f = evaluator('proc.args regex "(a+)+$"');
    const t0 = Date.now();
    expect(f({ 'proc.args': `${'a'.repeat(50000)}!` })).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('numeric, boolean, port and address constants are typed by the field (docs/rules-language.md#constants)', () => {
  it('compares numbers', () => {
    expect(ev('proc.pid = 10', { 'proc.pid': 10 })).toBe(true);
    expect(ev('proc.pid in (1, 10)', { 'proc.pid': 10 })).toBe(true);
    expect(ev('proc.pid < 11 and proc.pid >= 10 and proc.pid != 9', { 'proc.pid': 10 })).toBe(true);
    expect(ev('evt.rawres >= 0', { 'evt.rawres': -2 })).toBe(false);
  });
  it('wraps -1 for unsigned fields', () => expect(ev('user.uid = -1', { 'user.uid': 4294967295 })).toBe(true));
  it('compares 64-bit values beyond 2^53 exactly', () => {
    expect(ev('evt.rawtime = 1470327477881781397', { 'evt.rawtime': 1470327477881781397n })).toBe(true);
    expect(ev('evt.rawtime > 1470327477881781396', { 'evt.rawtime': 1470327477881781397n })).toBe(true);
    expect(ev('evt.rawtime = 1470327477881781396', { 'evt.rawtime': 1470327477881781397n })).toBe(false);
  });
  it.each([
    ['proc.pid = 0x10', '0x10 is not a valid number'],
    ['proc.pid = 1.5', '1.5 is not a valid number'],
    ['proc.pid = "12 "', '12  is not a valid number'],
    ['evt.is_open_read = True', 'filter error: unrecognized boolean value True'],
    ['fd.sport = nosuchservice', 'unrecognized protocol nosuchservice'],
    ['fd.cip = 10.0.0.256', 'unrecognized IPv4 address 10.0.0.256'],
    ['fd.cip = zz::1', 'unrecognized IPv6 address zz::1'],
    ['fd.cnet = 10.0.0.0', 'unrecognized IP network 10.0.0.0'],
    ['fd.cnet = 10.0.0.0/33', 'invalid netmask 33'],
    ['evt.buffer bcontains cafebab', 'filter error: bcontains and bstartswith operator support hex strings only'],
    ['proc.name = "a\\x00b"', 'filter error: filter value cannot contain a NUL byte (\\x00)'],
    ['evt.type = openx', 'unknown event type openx'],
    ['proc.name regex "a(b"', 'invalid regex pattern: missing closing ): a(b'],
    ['proc.name regex "\\\\d+"', 'invalid regex pattern: invalid escape sequence: \\d'],
  ])('%s fails with %s', (c, msg) => expect(compileErrorOf(c)).toBe(msg));
  it('reads booleans and service names', () => {
    expect(ev('evt.is_open_read = true', { 'evt.is_open_read': true })).toBe(true);
    expect(ev('fd.sport in (http, 443)', { 'fd.sport': 80 })).toBe(true);
  });
  it('compares IPv4 and IPv6 addresses and networks', () => {
    expect(ev('fd.cip = 10.0.0.1', { 'fd.cip': 0x0a000001 })).toBe(true);
    expect(ev('fd.cip != "::1"', { 'fd.cip': 0x0a000001 })).toBe(true);
    const v6 = new Uint8Array(16);
    v6[15] = 1;
    expect(ev('fd.cip = "::1"', { 'fd.cip': v6 })).toBe(true);
    expect(ev('fd.cnet in ("10.0.0.0/8", "192.168.0.0/16")', { 'fd.cnet': 0xc0a80001 })).toBe(true);
    expect(ev('fd.cnet = "fe80::/10"', { 'fd.cnet': Uint8Array.from([0xfe, 0x80, ...new Array<number>(14).fill(0)]) })).toBe(true);
  });
  it('compares byte buffers', () => {
    const buf = Uint8Array.from([0x00, 0xca, 0xfe, 0xba, 0xbe, 0x41]);
    expect(ev('evt.buffer bcontains cafebabe', { 'evt.buffer': buf })).toBe(true);
    expect(ev('evt.buffer bstartswith 00ca', { 'evt.buffer': buf })).toBe(true);
    expect(ev('evt.buffer contains A', { 'evt.buffer': buf })).toBe(true);
  });
});

describe('operators allowed by type (docs/rules-language.md#operators-by-type)', () => {
  it.each([
    ['proc.pid contains 1', "filter error: 'contains' operator not supported for numeric filters"],
    ['evt.is_open_read glob t*', "filter error: 'glob' operator not supported for numeric filters"],
    ['proc.name bcontains 00', "filter error: 'bcontains' operator not supported for string filters"],
    ['fd.cip startswith 10', "filter error: 'startswith' operator not supported for ip address and network filters"],
    ['fd.types = file', "filter error: '=' operator not supported list filters"],
    ['evt.buffer regex x', "filter error: 'regex' operator not supported for buffer filters"],
  ])('%s → %s', (c, msg) => expect(compileErrorOf(c)).toBe(msg));
});

describe('fields with special comparison logic (docs/rules-language.md#fields-with-special-comparisons)', () => {
  it('proc.aname without index matches any ancestor', () => {
    const v = { 'proc.aname': ['sh', 'bash', 'systemd'] };
    expect(ev('proc.aname = bash', v)).toBe(true);
    expect(ev('proc.aname != bash', v)).toBe(true);
    expect(ev('not proc.aname in (bash)', v)).toBe(false);
    expect(ev('proc.aname exists', { 'proc.aname': [] })).toBe(false);
  });
  it('proc.aname[N] is a single value', () => expect(ev('proc.aname[2] = bash', { 'proc.aname[2]': 'bash' })).toBe(true));
  it('fd.ip matches either side with = and both sides with !=', () => {
    const v = { 'fd.ip': [0x0a000001, 0x08080808] };
    expect(ev('fd.ip = 8.8.8.8', v)).toBe(true);
    expect(ev('fd.ip != 8.8.8.8', v)).toBe(false);
    expect(ev('fd.ip != 1.1.1.1', v)).toBe(true);
    expect(ev('fd.ip = 1.1.1.1', { 'fd.ip': [] })).toBe(false);
    expect(ev('fd.ip exists', { 'fd.ip': [] })).toBe(true);
  });
  it('fd.net in (...) uses only the first network', () => {
    const v = { 'fd.net': [0x0a010101, 0x08080808] };
    expect(ev('fd.net in ("192.168.0.0/16", "10.0.0.0/8")', v)).toBe(false);
    expect(ev('fd.net in ("10.0.0.0/8", "192.168.0.0/16")', v)).toBe(true);
  });
  it('addresses of the other family never equal (current libs); 2022 libsinsp compares raw memory (docs/sinsp-semantics.md#address-comparisons)', () => {
    const unbound6 = { 'fd.ip': [new Uint8Array(16), new Uint8Array(16)], 'fd.net': [new Uint8Array(16), new Uint8Array(16)] };
    const unbound4 = { 'fd.ip': [0, 0], 'fd.net': [0, 0] };
    const odd6 = new Uint8Array(16).fill(0).map((_, i) => (i < 4 ? i + 1 : 0)); // 102:304::
    const sysdig = (c: string, v: Record<string, unknown>): boolean => evaluator(c, 'syscall', { addresses2022: true, netListFirstOnly: false })(v as never);
    expect([ev('fd.ip = 0.0.0.0', unbound6), sysdig('fd.ip = 0.0.0.0', unbound6)]).toEqual([false, true]);
    expect([ev('fd.ip != 0.0.0.0', unbound6), sysdig('fd.ip != 0.0.0.0', unbound6)]).toEqual([true, false]);
    expect([ev('fd.ip = ::', unbound4), sysdig('fd.ip = ::', unbound4)]).toEqual([false, true]);
    expect([ev('fd.ip = 7f00:1::5', { 'fd.ip': [0x7f000001] }), sysdig('fd.ip = 7f00:1::5', { 'fd.ip': [0x7f000001] })]).toEqual([false, true]);
    expect([ev('fd.ip = 1.2.3.4', { 'fd.ip': [odd6] }), sysdig('fd.ip = 1.2.3.4', { 'fd.ip': [odd6] })]).toEqual([false, true]);
    expect(sysdig('fd.ip in (9.9.9.9, 0.0.0.0)', unbound6)).toBe(true);
    expect([ev('fd.net = 0.0.0.0/0', unbound6), sysdig('fd.net = 0.0.0.0/0', unbound6)]).toEqual([false, true]);
    expect(sysdig('fd.net = 10.0.0.0/8', { 'fd.net': [odd6] })).toBe(false);
    expect(sysdig('fd.net = 7f00:0:ff00::', { 'fd.net': [0x7f000001] })).toBe(true);
    expect(sysdig('fd.net = 102:304::', { 'fd.net': [odd6] })).toBe(true);
    expect(ev('fd.net = 102:300::/24', { 'fd.net': [odd6] })).toBe(true);
    expect(() => sysdig('fd.net = 102:300::/24', { 'fd.net': [odd6] })).toThrow(/unrecognized IPv6 address 102:300::\/24/);
  });
  it('fd.port supports ordering on either side', () => expect(ev('fd.port < 100', { 'fd.port': [40000, 80] })).toBe(true));
});

describe('list-valued fields', () => {
  it('in means every element, intersects any element', () => {
    expect(ev('fd.types in (file, ipv4)', { 'fd.types': ['file', 'ipv4'] })).toBe(true);
    expect(ev('fd.types in (file)', { 'fd.types': ['file', 'ipv4'] })).toBe(false);
    expect(ev('fd.types intersects (pipe, ipv4)', { 'fd.types': ['file', 'ipv4'] })).toBe(true);
    expect(ev('fd.types in (file)', { 'fd.types': [] })).toBe(true);
    expect(ev('fd.types exists', { 'fd.types': [] })).toBe(true);
  });
  it('len() of a list is its element count', () => expect(ev('len(fd.types) = 2', { 'fd.types': ['a', 'b'] })).toBe(true));
});

describe('transformers and field-to-field comparisons (docs/rules-language.md#transformers-and-field-comparisons)', () => {
  it.each([
    ['tolower(proc.name) = bash', { 'proc.name': 'BaSh' }, true],
    ['toupper(proc.name) = BASH', { 'proc.name': 'bash' }, true],
    ['b64(proc.name) = hello', { 'proc.name': 'aGVsbG8=' }, true],
    ['b64(proc.name) = hello', { 'proc.name': 'aGVsbG8' }, true],
    ['b64(proc.name) exists', { 'proc.name': 'not base64!' }, false],
    ['basename(proc.exepath) = ls', { 'proc.exepath': '/usr/bin/ls' }, true],
    ['basename(proc.exepath) = ls', { 'proc.exepath': 'ls' }, true],
    ['len(proc.name) > 3', { 'proc.name': 'bash' }, true],
    ['len(proc.name) = 2', { 'proc.name': 'é' }, true],
    ['tolower(basename(proc.exepath)) = ls', { 'proc.exepath': '/BIN/LS' }, true],
    ['proc.name = val(proc.pname)', { 'proc.name': 'a', 'proc.pname': 'a' }, true],
    ['tolower(proc.name) = tolower(proc.pname)', { 'proc.name': 'A', 'proc.pname': 'a' }, true],
    ['proc.name in val(proc.pname)', { 'proc.name': 'a', 'proc.pname': 'a' }, true],
    ['proc.pid > val(proc.ppid)', { 'proc.pid': 10, 'proc.ppid': 2 }, true],
    ['concat(proc.name, "-", proc.pname) = a-b', { 'proc.name': 'a', 'proc.pname': 'b' }, true],
    ['join(",", (proc.name, proc.pname)) = "a,b"', { 'proc.name': 'a', 'proc.pname': 'b' }, true],
  ])('%s', (c, v, want) => expect(ev(c, v)).toBe(want));
  it.each([
    ['proc.name = val(proc.pid)', "field 'proc.name' has type 'CHARBUF' while the right-hand side field 'proc.pid' has incompatible type 'INT64'"],
    ['proc.aname = val(proc.name)', "field 'proc.aname' doesn't support right-hand side fields"],
    ['proc.name = val(proc.aname)', "field 'proc.aname' can't be used as a right-hand side field"],
    ['tolower(proc.aname) = x', "field 'proc.aname' does not support transformers"],
    ['tolower(proc.pid) = x', "can't add field transformer: type 'INT64' is not supported by 'tolower' transformer applied on field 'proc.pid'"],
    ['proc.name pmatch val(proc.pname)', "operator 'PMATCH' doesn't support right-hand side fields"],
    ['fd.cnet = val(fd.snet)', "field type 'IPNET' doesn't support right-hand side fields"],
    ['tolower(proc.name)[1] = x', "filter error: transformer 'tolower' does not support field arguments"],
    ['proc.name = val(proc.pname)[1]', "filter error: transformer 'val' does not support field arguments"],
    ['proc.nobody = x', 'filter_check called with nonexistent field proc.nobody'],
    ['proc.namex = x', 'filter_check called with nonexistent field proc.namex'],
    ['proc.name[1] = x', 'filter_check called with nonexistent field proc.name[1]'],
    ['proc.aname[x] = y', 'filter_check called with nonexistent field proc.aname[x]'],
    ['evt.arg.nosuchparameter = x', 'unknown event argument nosuchparameter'],
    ['container.mount.dest = x', "filter 'container.mount.dest': container.mount.dest requires an argument but none provided"],
    ['container.id[1] = x', "filter 'container.id[1]': container.id does not allow nor require an argument but one is provided: 1"],
  ])('%s fails with %s', (c, msg) => expect(compileErrorOf(c)).toBe(msg));
});

describe('modifiers oneof/anyof/allof', () => {
  const v = { 'proc.name': 'bash' };
  it.each([
    ['proc.name startswith oneof (ba, bas)', false],
    ['proc.name startswith oneof (ba, zs)', true],
    ['proc.name startswith anyof (zz, ba)', true],
    ['proc.name startswith allof (b, ba, bas)', true],
    ['proc.name = anyof (sh, bash)', true],
    ['proc.name != allof (sh, zsh)', true],
    ['proc.name != allof (sh, bash)', false],
    ['proc.name contains anyof ()', false],
    ['proc.name regex anyof ("b.*", "x")', true],
  ])('%s → %s', (c, want) => expect(ev(c, v)).toBe(want));
});

describe('compile warnings (LOAD_COMPILE_CONDITION)', () => {
  it('flags constants that are field names or transformer calls', () => {
    expect(warningsOf('proc.name = proc.pname')).toEqual(["'proc.pname' may be a valid field misused as a const string value"]);
    expect(warningsOf('proc.name in (x, "tolower( proc.name )")')).toEqual(["'tolower( proc.name )' may be a valid field transformer misused as a const string value"]);
  });
  it('flags regexes that need no regex', () => {
    expect(warningsOf('proc.name regex "^bash$"')).toEqual(["regex check with '^bash$' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'"]);
    expect(warningsOf('proc.name regex ".*sh"')).toHaveLength(1);
    expect(warningsOf('proc.name regex "b[a-z]sh"')).toEqual([]);
  });
});

describe('sources', () => {
  it('resolves plugin fields for their source only', () => {
    expect(ev('ka.verb = create', { 'ka.verb': 'create' }, 'k8s_audit')).toBe(true);
    expect(compileErrorOf('ka.verb = create')).toBe('filter_check called with nonexistent field ka.verb');
    expect(compileErrorOf('proc.name = x', 'k8s_audit')).toBe('filter_check called with nonexistent field proc.name');
    expect(ev('json.value[/user/name] = bob', { 'json.value[/user/name]': 'bob' }, 'aws_cloudtrail')).toBe(true);
    expect(ev('evt.num > 0', { 'evt.num': 1 }, 'aws_cloudtrail')).toBe(true);
  });
});

describe('per-event caching', () => {
  it('extracts a field once per event however often it is used', () => {
    const registry = new FieldRegistry();
    let calls = 0;
    const cache = new ExtractionCache();
    const opts = { registry, source: 'syscall', cache, bind: () => () => (calls++, 'bash') };
    const a = compileFilter(parseCondition('proc.name = bash and proc.name != sh'), opts).predicate;
    const b = compileFilter(parseCondition('proc.name startswith b'), opts).predicate;
    expect(a({ epoch: 1 })).toBe(true);
    expect(b({ epoch: 1 })).toBe(true);
    expect(calls).toBe(1);
    b({ epoch: 2 });
    expect(calls).toBe(2);
  });
});
