// Reading `--plugin-events` files: RFC 3339 times as Go's time.RFC3339Nano parses them, the SOURCE:FILE
// argument, and bad records named by file, line and column.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePluginEventsArg, parseRfc3339, readAllPluginEvents, readPluginEvents } from '../../src/cli/plugin-events.js';

const dir = mkdtempSync(join(tmpdir(), 'falco-replay-plugin-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('parseRfc3339', () => {
  it.each([
    ['2018-10-25T14:09:12Z', 1540476552000000000n],
    ['2018-10-25T14:09:12.581541Z', 1540476552581541000n],
    ['2018-10-25T14:09:12.123456789Z', 1540476552123456789n],
    ['2018-10-25T16:09:12.5+02:00', 1540476552500000000n],
    ['2018-10-25t14:09:12z', 1540476552000000000n],
  ])('%s = %s ns', (text, ns) => expect(parseRfc3339(text)).toBe(ns));

  it.each(['2018-10-25 14:09:12Z', '2018-02-30T00:00:00Z', '2018-10-25T14:09:12', '2018-10-25T14:09:12.1234567890Z', '1969-12-31T23:59:59Z', ''])('refuses %j', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });
});

describe('readPluginEvents', () => {
  it('takes SOURCE:FILE and names what it does not know', () => {
    expect(parsePluginEventsArg('k8s_audit:/a:b.json')).toMatchObject({ spec: { pluginId: 1, source: 'k8s_audit' }, file: '/a:b.json' });
    expect(parsePluginEventsArg('okta:x')).toMatchObject({ spec: { pluginId: 7, source: 'okta' } });
    expect(() => parsePluginEventsArg('x.json')).toThrow('expected SOURCE:FILE');
    expect(() => parsePluginEventsArg('k8s:x.json')).toThrow("unknown source 'k8s'");
  });

  it('re-serialises a k8s audit event compactly, keys and numbers as written, with its own time', () => {
    const f = file('one.json', '{\n  "kind": "Event", "b": 1.50, "a": {"x": [1, 2]},\n  "stageTimestamp": "2018-10-25T14:09:12.000001Z"\n}\n');
    const [e, ...rest] = readPluginEvents(`k8s_audit:${f}`);
    expect(rest).toEqual([]);
    expect(e?.payload.toString()).toBe('{"kind":"Event","b":1.50,"a":{"x":[1,2]},"stageTimestamp":"2018-10-25T14:09:12.000001Z"}');
    expect(e?.ts).toBe(1540476552000001000n);
    expect(e?.where).toBe(`${f}:1:1`);
  });

  it('names the line and column of a bad JSON line, or of a bad document', () => {
    const lines = file('lines.json', '{"kind":"Event","stageTimestamp":"2018-10-25T14:09:12Z"}\n  {"kind":"Event"}\n');
    expect(() => readPluginEvents(`k8s_audit:${lines}`)).toThrow(`${lines}:2:3: Kubernetes audit event without a stageTimestamp or requestReceivedTimestamp string`);
    const doc = file('doc.json', '{\n  "Records": [\n    {"eventTime": 5,}\n  ]\n}\n');
    expect(() => readPluginEvents(`aws_cloudtrail:${doc}`)).toThrow(new RegExp(`^${doc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: not JSON`));
    expect(() => readPluginEvents(`json:${join(dir, 'missing.json')}`)).toThrow('no such file or directory');
  });

  it('puts the records of several files in time order, equal times in argument order', () => {
    const a = file('a.json', '{"Records":[{"eventTime":"2020-01-01T00:00:02Z","n":"a2"},{"eventTime":"2020-01-01T00:00:01Z","n":"a1"}]}');
    const b = file('b.json', '{"eventTime":"2020-01-01T00:00:01Z","n":"b1"}');
    const all = readAllPluginEvents([`aws_cloudtrail:${a}`, `aws_cloudtrail:${b}`]);
    expect(all.map((e) => (JSON.parse(e.payload.toString()) as { n: string }).n)).toEqual(['a1', 'b1', 'a2']);
  });
});
