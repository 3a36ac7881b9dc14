// Real plugin libraries through the native plugin host: the C test plugin (test/native/plugin/dummy.c) is built
// with cc into a temp dir, loaded, asked for fields, recorded from, and replayed with rules of its source.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FalcoReplayError } from '../../src/common/index.js';
import { loadPlugin, type LoadedPlugin } from '../../src/native/index.js';
import { cli } from '../helpers/cli.js';
import { sysdig } from '../helpers/sysdig.js';
import { tempDir } from './helpers.js';

const SOURCE = fileURLToPath(new URL('./plugin/dummy.c', import.meta.url));
const tmp = tempDir('plugin');
const lib = join(tmp.dir, 'libdummy.so');
const cc = (out: string, src: string, ...defs: string[]): void => void execFileSync('cc', ['-shared', '-fPIC', '-O1', ...defs, '-o', out, src], { stdio: 'pipe' });

function loadError(path: string, config = ''): FalcoReplayError {
  try {
    loadPlugin(path, config).close();
  } catch (e) {
    if (e instanceof FalcoReplayError) return e;
    throw e;
  }
  throw new Error(`${path} loaded`);
}

beforeAll(() => {
  cc(lib, SOURCE);
  cc(join(tmp.dir, 'libapi4.so'), SOURCE, '-DDUMMY_API_VERSION="4.0.0"');
  cc(join(tmp.dir, 'libapi39.so'), SOURCE, '-DDUMMY_API_VERSION="3.9.0"');
  writeFileSync(join(tmp.dir, 'notplugin.c'), 'int answer(void) { return 42; }\n');
  cc(join(tmp.dir, 'libnotplugin.so'), join(tmp.dir, 'notplugin.c'));
});
afterAll(() => tmp.cleanup());

describe('loading a plugin library', () => {
  let p: LoadedPlugin;
  beforeAll(() => {
    p = loadPlugin(lib, 'count=3');
  });
  afterAll(() => p.close());

  it('reads what the plugin says about itself', () => {
    expect({ name: p.name, version: p.version, id: p.id, source: p.eventSource, extract: p.extractSources, api: p.requiredApiVersion }).toEqual({
      name: 'dummy',
      version: '0.1.0',
      id: 999,
      source: 'dummy',
      extract: ['dummy'],
      api: '3.0.0',
    });
    expect(p.fields.map((f) => [f.name, f.type, f.isList, f.arg?.isRequired ?? false])).toEqual([
      ['dummy.value', 'uint64', false, false],
      ['dummy.text', 'string', false, false],
      ['dummy.arg', 'string', false, true],
      ['dummy.digits', 'string', true, false],
    ]);
  });

  it('extracts fields, with an argument and as a list, from a payload', () => {
    const got = p.extract(1, 'dummy', 999, Buffer.from('count=42'), 1_700_000_000_000_000_000n, [{ fieldId: 0 }, { fieldId: 1 }, { fieldId: 2, argKey: 'user' }, { fieldId: 3 }]);
    expect(got).toEqual([42, 'event 42', 'user:42', ['4', '2']]);
  });

  it('gives no value for a payload the plugin does not understand', () => {
    expect(p.extract(2, 'dummy', 999, Buffer.from('nothing'), 0, [{ fieldId: 0 }, { fieldId: 1 }])).toEqual([undefined, undefined]);
  });

  it('produces its events in batches until the end of the source', () => {
    const src = p.openSource('');
    const batches = [];
    for (let i = 0; i < 10; i++) {
      const b = src.next();
      batches.push([b.status, b.events.map((e) => `${e.payload.toString()}@${e.ts - 1_700_000_000_000_000_000n}`)]);
      if (b.status === 'eof') break;
    }
    expect(batches).toEqual([
      ['ok', ['count=1@1000000', 'count=2@2000000']],
      ['eof', ['count=3@3000000']],
    ]);
    expect(src.next()).toEqual({ events: [], status: 'eof' });
  });

  it('takes open parameters', () => {
    const src = p.openSource('1');
    expect(src.next().events.map((e) => e.payload.toString())).toEqual(['count=1']);
    src.close();
  });
});

describe('libraries that do not load', () => {
  it('refuses a plugin that requires another major API version', () => {
    const e = loadError(join(tmp.dir, 'libapi4.so'));
    expect(e.code).toBe('PLUGIN_API_VERSION');
    expect(e.message).toContain(join(tmp.dir, 'libapi4.so'));
    expect(e.message).toMatch(/requires plugin API version 4\.0\.0, not compatible with falco-replay's 3\.3\.0/);
  });

  it('refuses a plugin that requires a newer minor API version', () => {
    expect(loadError(join(tmp.dir, 'libapi39.so')).code).toBe('PLUGIN_API_VERSION');
  });

  it('names the file and the missing symbols of a library that is not a plugin', () => {
    const e = loadError(join(tmp.dir, 'libnotplugin.so'));
    expect(e.code).toBe('PLUGIN_NOT_PLUGIN');
    expect(e.message).toBe(`${join(tmp.dir, 'libnotplugin.so')} is not a Falco plugin: it does not export plugin_get_required_api_version, plugin_get_name, plugin_get_description, plugin_get_contact, plugin_get_version, plugin_init, plugin_destroy, plugin_get_last_error`);
  });

  it('reports the plugin own error when init fails', () => {
    const e = loadError(lib, 'bogus');
    expect(e.code).toBe('PLUGIN_INIT');
    expect(e.message).toContain("bad init config 'bogus' (count=N expected)");
  });

  it('reports a file that does not exist', () => {
    expect(loadError(join(tmp.dir, 'nope.so')).code).toBe('PLUGIN_LOAD');
  });
});

describe('the CLI with a plugin library', () => {
  const capture = join(tmp.dir, 'dummy.scap');
  const rules = join(tmp.dir, 'dummy_rules.yaml');
  beforeAll(async () => {
    writeFileSync(
      rules,
      [
        '- rule: Big dummy',
        '  desc: counter above 2',
        '  condition: dummy.value > 2',
        '  output: "value=%dummy.value text=%dummy.text key=%dummy.arg[k]"',
        '  priority: WARNING',
        '  source: dummy',
        '',
      ].join('\n'),
    );
    const r = await cli(['record', '-o', capture, '--plugin', `${lib}:count=5`, '--plugin-source', 'dummy']);
    expect(r.stderr).toContain('5 plugin events of source dummy (plugin dummy, ID 999) written to');
    expect(r.code).toBe(0);
  });

  it('records plugin events that sysdig 0.29.3 reads', () => {
    expect(sysdig(['-r', capture])).toHaveLength(5);
  });

  it('replays the recording: the rule of the plugin source fires on its events', async () => {
    const r = await cli(['run', capture, '-r', rules, '--plugin', lib, '--no-summary', '-o', 'time_format_iso_8601=true']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([3, 4, 5].map((n) => `2023-11-14T22:13:20.00${n}000000+0000: Warning value=${n} text=event ${n} key=k:${n}`));
  });

  it('loads plugins from a falco.yaml (plugins: and load_plugins:)', async () => {
    const conf = join(tmp.dir, 'falco.yaml');
    writeFileSync(conf, `plugins:\n  - name: dummy\n    library_path: ${lib}\n    init_config: count=9\nload_plugins: [dummy]\n`);
    const r = await cli(['run', capture, '-r', rules, '-c', conf, '--no-summary']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    writeFileSync(conf, `plugins:\n  - name: dummy\n    library_path: ${lib}\nload_plugins: []\n`);
    const none = await cli(['run', capture, '-r', rules, '-c', conf, '--no-summary', '-v']);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Unknown source dummy, skipping');
  });

  it('lists the plugin fields for its source', async () => {
    const r = await cli(['fields', '--plugin', lib, '--source', 'dummy', '--names']);
    expect(r.stdout.split('\n')).toEqual(expect.arrayContaining(['dummy.value', 'dummy.text', 'dummy.arg', 'dummy.digits']));
    const json = await cli(['fields', '--plugin', lib, '--source', 'dummy', '--json']);
    const cls = (JSON.parse(json.stdout) as { fieldclasses: { name: string; fields: { name: string; argument: unknown; falco_replay_extracts: boolean }[] }[] }).fieldclasses.find((c) => c.name === 'dummy');
    expect(cls?.fields.find((f) => f.name === 'dummy.arg')).toMatchObject({ argument: { required: true, type: ['KEY'] }, falco_replay_extracts: true });
  });

  it("takes --plugin with Falco's own --list SOURCE and -V", async () => {
    const r = await cli(['--list', 'dummy', '-N', '--plugin', lib]);
    expect(r.stdout.trim().split('\n')).toEqual(expect.arrayContaining(['evt.num', 'dummy.value', 'dummy.arg']));
    const v = await cli(['-V', rules, '--plugin', lib]);
    expect(v.stdout.trim()).toBe(`${rules}: Ok`);
  });

  it('validates rules of the plugin source without warnings', async () => {
    const r = await cli(['validate', rules, '--plugin', lib]);
    expect(r.stdout.trim()).toBe(`${rules}: Ok`);
  });

  it('fails with the library name when a --plugin is not a plugin', async () => {
    const r = await cli(['run', capture, '-r', rules, '--plugin', join(tmp.dir, 'libnotplugin.so')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: ${join(tmp.dir, 'libnotplugin.so')} is not a Falco plugin`);
  });
});
