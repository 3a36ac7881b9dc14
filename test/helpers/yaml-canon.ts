// The parts of a YAML node tree the rules reader uses (kinds, scalar values, styles and tags, scalar start and
// end, collection start), as plain data: how fast-yaml.ts is compared with eemeli/yaml.
import { fastParseYaml } from '../../src/engine/rules/fast-yaml.js';
import { parseWithLibrary } from '../../src/engine/rules/yaml.js';

const NODE_TYPE = Symbol.for('yaml.node.type');
const KINDS = new Map([
  [Symbol.for('yaml.map'), 'map'],
  [Symbol.for('yaml.seq'), 'seq'],
  [Symbol.for('yaml.scalar'), 'scalar'],
  [Symbol.for('yaml.pair'), 'pair'],
  [Symbol.for('yaml.alias'), 'alias'],
]);

export function canon(node: unknown): unknown {
  if (node === null || node === undefined || typeof node !== 'object') return node;
  const n = node as Record<string | symbol, unknown> & { range?: number[]; items?: unknown[] };
  const kind = KINDS.get(n[NODE_TYPE] as symbol);
  switch (kind) {
    case 'scalar':
      return { kind, value: n.value, type: n.type, tag: n.tag, range: n.range?.slice(0, 2) };
    case 'pair':
      return { kind, key: canon(n.key), value: canon(n.value) };
    case 'map':
    case 'seq':
      return { kind, tag: n.tag, start: n.range?.[0], items: (n.items ?? []).map(canon) };
    default:
      return { kind };
  }
}

/** What the fast reader gives (undefined: it leaves the text to eemeli/yaml), and what eemeli/yaml gives. */
export function bothReaders(text: string): { fast: unknown; library: unknown } {
  const fast = fastParseYaml(text);
  const lib = parseWithLibrary(text);
  return {
    fast: fast === undefined ? undefined : fast.map((d) => canon(d.contents)),
    library: lib.error ? { error: lib.error.message } : lib.docs.map((d) => canon(d.contents)),
  };
}
