import { describe, expect, it } from 'vitest';
import { compileTemplate, parseTemplate, TemplateError, type FieldResolver } from '../../src/cli/format/template.js';
import { collectEvents, writeCaptureBuffer, type ScapEvent } from '../../src/scap/index.js';

const event = collectEvents(
  writeCaptureBuffer((w) => {
    w.writeSectionHeader();
    w.writeEvent({ ts: 1n, tid: 3, type: 234, params: [1, 2] });
  }),
).events[0] as ScapEvent;

const fields: FieldResolver = {
  resolve: (f) => (f === 'a' ? () => 'A' : f === 'na' ? () => undefined : f === 'proc.aname[2]' ? () => 'P2' : undefined),
};

describe('output templates', () => {
  it('splits text and %fields, with %% and trailing dots as text', () => {
    expect(parseTemplate('x %a.y %%a %proc.aname[2]. z')).toEqual([
      { kind: 'text', text: 'x ' },
      { kind: 'field', field: 'a.y', offset: 2 },
      { kind: 'text', text: ' %a ' },
      { kind: 'field', field: 'proc.aname[2]', offset: 11 },
      { kind: 'text', text: '. z' },
    ]);
    expect(parseTemplate('%a.').map((t) => (t.kind === 'field' ? t.field : t.text))).toEqual(['a', '.']);
  });

  it('reports errors with their offsets', () => {
    expect(() => parseTemplate('ab % c')).toThrow(TemplateError);
    expect(() => compileTemplate('x %nope', fields)).toThrow(/unknown field %nope/);
    try {
      compileTemplate('*x %nope', fields);
    } catch (e) {
      expect((e as TemplateError).offset).toBe(3);
    }
  });

  it('drops lines with unavailable fields unless the template starts with *', () => {
    expect(compileTemplate('%a-%na', fields)(event)).toBeUndefined();
    expect(compileTemplate('*%a-%na %proc.aname[2]', fields)(event)).toBe('A-<NA> P2');
  });
});
