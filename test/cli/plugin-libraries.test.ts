// Plugin libraries on the command line and in falco.yaml, and the checks on what a plugin declares: pure parts
// only (loading real libraries is in test/native/plugin-library.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FalcoReplayError } from '../../src/common/index.js';
import { FALCO_PLUGINS_DIR, resolveConfig } from '../../src/cli/falco-config.js';
import { configPluginSpecs, parsePluginFlag } from '../../src/cli/plugin-libraries.js';
import { extractSourcesOf, parsePluginFields } from '../../src/native/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fr-pluglib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = (text: string): string => {
  const f = join(dir, `falco-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, text);
  return f;
};

describe('--plugin PATH[:INIT_CONFIG]', () => {
  it('splits the init config at the first colon', () => {
    expect(parsePluginFlag('/x/libk.so')).toMatchObject({ path: '/x/libk.so', initConfig: '' });
    expect(parsePluginFlag('/x/libk.so:{"a":"b:c"}')).toMatchObject({ path: '/x/libk.so', initConfig: '{"a":"b:c"}' });
  });
  it('needs a path', () => {
    expect(() => parsePluginFlag(':cfg')).toThrow(/no library path/);
  });
});

describe('falco.yaml plugins: and load_plugins:', () => {
  const file = config(
    [
      'plugins:',
      '  - name: a',
      '    library_path: /opt/liba.so',
      '    init_config: {x: 1, y: [true]}',
      '  - name: b',
      '    library_path: libb.so',
      '    init_config: "plain text"',
      '  - name: c',
      '    library_path: /opt/libc.so',
      '',
    ].join('\n'),
  );
  it('loads every entry when load_plugins is not set, init_config maps as JSON', () => {
    expect(resolveConfig([], file).pluginLibraries).toEqual([
      { name: 'a', libraryPath: '/opt/liba.so', initConfig: '{"x":1,"y":[true]}' },
      { name: 'b', libraryPath: 'libb.so', initConfig: 'plain text' },
      { name: 'c', libraryPath: '/opt/libc.so', initConfig: '' },
    ]);
    expect(resolveConfig([], file).ignored).toEqual([]);
  });
  it('loads only the entries load_plugins names, in its order', () => {
    expect(resolveConfig([{ key: 'load_plugins', value: '[c, a]' }], file).pluginLibraries.map((p) => p.name)).toEqual(['c', 'a']);
    expect(resolveConfig([{ key: 'load_plugins', value: '[]' }], file).pluginLibraries).toEqual([]);
  });
  it('rejects an entry without a library path', () => {
    expect(() => resolveConfig([], config('plugins:\n  - name: a\n'))).toThrow(/plugins\[0\].*name and library_path are required/);
  });
  it('resolves relative library paths in Falco plugins directory and falls back to built-in catalogues', () => {
    const notes: string[] = [];
    const specs = configPluginSpecs(
      [
        { name: 'k8saudit', libraryPath: 'libk8saudit-does-not-exist.so', initConfig: '' },
        { name: 'mine', libraryPath: 'libmine.so', initConfig: 'x' },
      ],
      'falco.yaml',
      notes,
    );
    expect(specs).toEqual([{ path: join(FALCO_PLUGINS_DIR, 'libmine.so'), initConfig: 'x', origin: "plugin 'mine' of falco.yaml", name: 'mine' }]);
    expect(notes).toEqual([`plugin 'k8saudit' of falco.yaml: ${join(FALCO_PLUGINS_DIR, 'libk8saudit-does-not-exist.so')} not found; using the built-in k8saudit fields`]);
  });
});

describe('what a plugin declares', () => {
  const bad = (json: string): string => {
    try {
      parsePluginFields(json, 'plugin p');
    } catch (e) {
      if (e instanceof FalcoReplayError) return `${e.code}: ${e.message}`;
      throw e;
    }
    return 'ok';
  };
  it('reads fields with their argument rules and escapes their descriptions', () => {
    expect(parsePluginFields('[{"name":"p.a","type":"string","isList":true,"arg":{"isKey":true},"desc":"x\\u001b[31m","properties":["hidden"]}]', 'p')).toEqual([
      { name: 'p.a', type: 'string', isList: true, arg: { isRequired: false, isIndex: false, isKey: true }, desc: 'x\\x1b[31m', properties: ['hidden'] },
    ]);
  });
  it('refuses unusable field lists', () => {
    expect(bad('{')).toMatch(/^PLUGIN_BAD_FIELDS: plugin p: its field list is not JSON/);
    expect(bad('{}')).toMatch(/not a JSON array/);
    expect(bad('[{"name":"nodot","type":"string"}]')).toMatch(/field 0 has no valid name/);
    expect(bad('[{"name":"p.a","type":"float"}]')).toMatch(/field p.a has type 'float'/);
    expect(bad('[{"name":"p.a","type":"string"},{"name":"p.a","type":"uint64"}]')).toMatch(/declared twice/);
    expect(bad('[{"name":"p.a","type":"string","arg":{"isRequired":true}}]')).toMatch(/neither an index nor a key/);
  });
  it('defaults the extract sources as libs does', () => {
    expect(extractSourcesOf('', 'dummy', 'p')).toEqual(['dummy']);
    expect(extractSourcesOf('[]', '', 'p')).toEqual([]);
    expect(extractSourcesOf('["a","syscall"]', 'dummy', 'p')).toEqual(['a', 'syscall']);
    expect(() => extractSourcesOf('[1]', '', 'p')).toThrow(/not a JSON array of strings/);
  });
});
