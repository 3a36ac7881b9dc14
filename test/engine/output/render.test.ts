// Output templates rendered by field type (docs/rules-language.md#output-templates, docs/sinsp-semantics.md#formatting-values)
// and Falco's alert shapes (docs/rules-language.md#alerts): text line, JSON alert with sorted keys and integer times, terminal-safe escaping.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  alertJson,
  alertLine,
  alertTimeText,
  escapeAlertText,
  FieldRegistry,
  jsonText,
  OutputRenderer,
  parseOutputFormat,
  valueJson,
  valueText,
  type Alert,
  type FieldValue,
  type ResolvedField,
  type ValueShape,
} from '../../helpers/engine.js';
import { fieldKey } from '../../helpers/fake-event.js';
import { sharedPath } from '../../helpers/paths.js';

const registry = new FieldRegistry();
const shape = (type: ValueShape['type'], more: Partial<ValueShape> = {}): ValueShape => ({ type, print: 'DEC', list: false, ...more });

describe('values as text, by type', () => {
  it.each<[FieldValue | undefined, ValueShape, string]>([
    ['cat /dev/null', shape('CHARBUF'), 'cat /dev/null'],
    ['', shape('CHARBUF'), ''],
    [undefined, shape('CHARBUF'), '<NA>'],
    [-2, shape('INT64'), '-2'],
    [1470327477881781397n, shape('ABSTIME'), '1470327477881781397'],
    [5, shape('RELTIME', { print: 'PADDED_DEC' }), '000000005'],
    [0xfe00, shape('INT32', { print: 'HEX' }), 'FE00'],
    [true, shape('BOOL'), 'true'],
    [false, shape('BOOL'), 'false'],
    [0x7f000001, shape('IPV4ADDR'), '127.0.0.1'],
    [Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), shape('IPV6ADDR'), '::1'],
    [0xc0000202, shape('IPADDR'), '192.0.2.2'],
    [Uint8Array.from([0x47, 0x45, 0x54, 0x0a, 0x00, 0xff]), shape('BYTEBUF'), 'GET...'],
    [2.26, shape('DOUBLE'), '2.3'],
    [['TCP', 'UDP'], shape('CHARBUF', { list: true }), '(TCP,UDP)'],
    [['sh', 'payments-api', 'node'], shape('CHARBUF', { multi: 'any-ancestor' }), 'sh payments-api node'],
  ])('case %# (%s)', (v, s, text) => expect(valueText(v, s)).toBe(text));
  it('prints byte buffers in base64 when asked (buffer_format_base64)', () => expect(valueText(Uint8Array.from([1, 2, 3]), shape('BYTEBUF'), 'base64')).toBe('AQID'));
});

describe('values as JSON output_fields, by type', () => {
  it.each<[FieldValue | undefined, ValueShape, unknown]>([
    [undefined, shape('CHARBUF'), null],
    ['x', shape('CHARBUF'), 'x'],
    [3, shape('INT64'), 3],
    [1470327477881781397n, shape('ABSTIME'), 1470327477881781397n],
    [true, shape('BOOL'), true],
    [0x7f000001, shape('IPV4ADDR'), '127.0.0.1'],
    [0xfe00, shape('INT32', { print: 'HEX' }), 'FE00'],
    [['a', 'b'], shape('CHARBUF', { list: true }), ['a', 'b']],
  ])('case %# (%s)', (v, s, json) => expect(valueJson(v, s)).toEqual(json));
});

describe('OutputRenderer', () => {
  const values: Record<string, FieldValue | undefined> = {
    'proc.name': 'cat',
    'proc.cmdline': 'cat /dev/null',
    'fd.cport': undefined,
    'evt.num': 141,
    'fd.sip': 0x7f000001,
    'proc.aname[2]': 'bash',
  };
  const ctx = { epoch: 1 };
  const opts = { registry, source: 'syscall', bind: (r: ResolvedField) => () => values[fieldKey(r)] };
  const render = (fmt: string) => new OutputRenderer(parseOutputFormat(fmt, opts), opts);

  it('renders text with <NA> for missing values (Falco formats with *)', () =>
    expect(render('An open was seen (cport=%fd.cport command=%proc.cmdline)').text(ctx)).toBe('An open was seen (cport=<NA> command=cat /dev/null)'));
  it('applies fixed widths: truncates or pads to exactly N characters', () => expect(render('[%2proc.cmdline][%5proc.name]').text(ctx)).toBe('[ca][cat  ]'));
  it('keeps literal text after the longest valid field prefix', () => expect(render('%proc.name_x %proc.aname[2])').text(ctx)).toBe('cat_x bash)'));
  it('lists JSON fields once each, typed, with times as integer ns and transformers replaced by their inner fields', () => {
    const r = render('%evt.num %proc.name %toupper(proc.cmdline) %fd.sip %fd.cport %proc.name %evt.time');
    expect(r.fields(ctx, 1470327477881781397n)).toEqual({
      'evt.num': 141,
      'proc.name': 'cat',
      'proc.cmdline': 'cat /dev/null',
      'fd.sip': '127.0.0.1',
      'fd.cport': null,
      'evt.time': 1470327477881781397n,
    });
    expect(r.text(ctx)).toBe('141 cat CAT /DEV/NULL 127.0.0.1 <NA> cat <NA>');
  });
});

const alert = (over: Partial<Alert> = {}): Alert => ({
  capture: 0,
  evtNum: 141,
  ts: 1470327477881781397n,
  rule: 'open_from_cat',
  ruleId: 0,
  priority: 4,
  source: 'syscall',
  tags: ['filesystem', 'process', 'testing'],
  message: 'An open was seen (command=cat /dev/null)',
  outputFields: { 'proc.cmdline': 'cat /dev/null' },
  ...over,
});

describe('alert line', () => {
  it('uses the local time of day with the given UTC offset', () => {
    expect(alertLine(alert(), { zoneSeconds: 0 })).toBe('16:17:57.881781397: Warning An open was seen (command=cat /dev/null)');
    expect(alertTimeText(1470327477881781397n, { zoneSeconds: -4 * 3600 })).toBe('12:17:57.881781397');
  });
  it('uses ISO 8601 UTC with time_format_iso_8601', () =>
    expect(alertLine(alert(), { iso8601: true })).toBe('2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat /dev/null)'));
  it('spells priorities as Falco does', () => {
    expect(alertLine(alert({ priority: 6 }), { zoneSeconds: 0 })).toContain(': Informational An open');
    expect(alertLine(alert({ priority: 0 }), { zoneSeconds: 0 })).toContain(': Emergency An open');
  });
  it('escapes control characters like Falco master, leaving other text as released Falco prints it', () => {
    expect(escapeAlertText('a\nb\tc\x1b[31md\x7f\u202e "q" \\')).toBe('a\\nb\\tc\\u001b[31md\\u007f\\u202e "q" \\');
    expect(escapeAlertText('plain text (user=root)')).toBe('plain text (user=root)');
  });
});

describe('JSON alert', () => {
  it("equals Falco's regression expectation for single_rule_with_tags on cat_write.scap (line 1)", () => {
    const line = alertJson(alert(), { hostname: 'test-falco-hostname', iso8601: true });
    const expected = readFileSync(sharedPath('falco-tests', 'outputs', 'single_rule_with_cat_write.json'), 'utf8').split('\n')[0] as string;
    expect(JSON.parse(line.replace(/:(\d{16,})/g, ':"$1"'))).toEqual(JSON.parse(expected.replace(/:(\d{16,})/g, ':"$1"')));
    expect(line).toBe(
      '{"hostname":"test-falco-hostname","output":"2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat /dev/null)","output_fields":{"evt.time.iso8601":1470327477881781397,"proc.cmdline":"cat /dev/null"},"priority":"Warning","rule":"open_from_cat","source":"syscall","tags":["filesystem","process","testing"],"time":"2016-08-04T16:17:57.881781397Z"}',
    );
  });
  it('honours json_include_* options and names the local time key evt.time', () => {
    const o = JSON.parse(alertJson(alert(), { hostname: 'h', zoneSeconds: 0, includeOutput: false, includeTags: false, includeMessage: true }).replace(/:(\d{16,})/g, ':"$1"'));
    expect(Object.keys(o)).toEqual(['hostname', 'message', 'output_fields', 'priority', 'rule', 'source', 'time']);
    expect(o.message).toBe('An open was seen (command=cat /dev/null)');
    expect(o.output_fields['evt.time']).toBe('1470327477881781397');
    const bare = JSON.parse(alertJson(alert({ tags: [] }), { hostname: 'h', includeOutputFields: false }));
    expect(Object.keys(bare)).toEqual(['hostname', 'output', 'priority', 'rule', 'source', 'tags', 'time']);
    expect(bare.tags).toEqual([]);
  });
  it('encodes strings so that a terminal shows them safely and jq reads them back unchanged', () => {
    const msg = 'x\u001b]0;owned\u0007\u0085\u202ey';
    const line = alertJson(alert({ message: msg }), { hostname: 'h', includeOutputFields: false });
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(line).output).toContain(msg);
  });
  it('writes bigints as JSON integers and sorts nested keys', () => expect(jsonText({ b: 1n, a: [null, true, 'x'] })).toBe('{"a":[null,true,"x"],"b":1}'));
});
