// The fast YAML reader of rules files gives eemeli/yaml's nodes (values, styles, ranges) on the block style rules
// files use, and leaves everything else (and every error) to eemeli/yaml.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseYaml } from '../../../src/engine/rules/fast-yaml.js';
import { parseYamlDocuments } from '../../../src/engine/rules/yaml.js';
import { bothReaders } from '../../helpers/yaml-canon.js';

/** A rules file using every construct the fast reader takes on. */
const SEED = `# a comment
- list: a
  items: [x, "y\\tz", 'it''s', "a\\u00e9b\\x41", [n1, n2], "multi
    line  quoted", plain
    folded, ]
- macro: m
  condition: >
    a and
      b more
    c

    d
- rule: r   # trailing comment
  desc: |-
    literal
      indented

    end
  condition: >-
    proc.name = x
  output: "out %proc.name \\" quoted \\\\ back"
  priority: WARNING
  tags:
  - a
  - b
  exceptions:
    - name: e
      fields: [proc.name, fd.name]
      values:
        - [a, b]
        - ["c d", 'e']
  enabled:
  override:
    condition: append
- rule: 'single q'
  desc: "quoted
    over

    lines"
  condition: evt.type = open
    and fd.name = x

    and not proc.name in (a, b)
- list: spread
  items: [
    one, "two",
    three
    four,
  ]
`;

describe('fast YAML reader', () => {
  it('reads a rules file of every supported construct exactly as eemeli/yaml does', () => {
    const { fast, library } = bothReaders(SEED);
    expect(fast).toBeDefined();
    expect(fast).toEqual(library);
    // Spot checks of what the comparison covers.
    const text = JSON.stringify(fast);
    expect(text).toContain('"value":"a and\\n  b more\\nc\\nd\\n","type":"BLOCK_FOLDED"');
    expect(text).toContain('"value":"three four"');
    expect(text).toContain('"value":"evt.type = open and fd.name = x\\nand not proc.name in (a, b)"');
  });

  it.each([
    ['a tab', '- a: b\tc\n'],
    ['an anchor and alias', '- a: &x b\n- c: *x\n'],
    ['a tag', '- a: !!str b\n'],
    ['a document marker', '---\n- a: b\n'],
    ['a flow map', '- a: {b: c}\n'],
    ['a keep-chomping block scalar', '- a: |+\n    b\n'],
    ['an indentation indicator', '- a: >2\n    b\n'],
    ['a quoted key', '- "a": b\n'],
    ['CRLF line ends', '- a: b\r\n'],
    ['a mapping inside a plain value', '- a: b: c\n'],
    ['a text after a comment line of a plain scalar', '- a: b # c\n    d\n'],
    ['an unterminated quote', '- a: "b\n'],
    ['a bad indentation', '- a: b\n   c: d\n'],
    ['a closing bracket too far left', '- a: [\n    x\n]\n'],
    ['a scalar document', 'just text\n'],
    ['deep nesting', `- a: ${'['.repeat(1000)}x${']'.repeat(1000)}\n`],
    ['deep compact sequences', `${'- '.repeat(1000)}x\n`],
  ])('leaves %s to eemeli/yaml', (_what, text) => {
    expect(fastParseYaml(text)).toBeUndefined();
    // And the rules reader still gets eemeli/yaml's answer for it.
    expect(parseYamlDocuments(text).docs.length).toBeGreaterThan(0);
  });

  it('never differs from eemeli/yaml on mutated rules text: same nodes, or left to eemeli/yaml (errors included)', () => {
    const pieces = [' ', '\n', ':', '#', '-', '"', "'", '[', ']', ',', '>', '|', 'a', '\\', '  ', '\n\n', '- ', ': ', ' #', '{', '*', '&', '!'];
    const edit = fc.record({ at: fc.nat(), op: fc.integer({ min: 0, max: 2 }), piece: fc.constantFrom(...pieces), len: fc.integer({ min: 1, max: 3 }) });
    let fast = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let t = SEED;
        for (const e of edits) {
          const p = e.at % (t.length + 1);
          if (e.op === 0) t = t.slice(0, p) + t.slice(p + e.len);
          else if (e.op === 1) t = t.slice(0, p) + e.piece + t.slice(p);
          else t = t.slice(0, p) + e.piece + t.slice(p + 1);
        }
        const r = bothReaders(t);
        if (r.fast === undefined) return;
        fast++;
        expect(r.fast).toEqual(r.library);
      }),
      { numRuns: 600, seed: 15 },
    );
    // The property says something only when the fast reader took a good share of the texts.
    expect(fast).toBeGreaterThan(120);
  });
});
