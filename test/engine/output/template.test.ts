import { describe, expect, it } from 'vitest';
import { FieldRegistry, OutputFormatError, parseOutputFormat, type OutputField } from '../../helpers/engine.js';

const registry = new FieldRegistry();
const parse = (fmt: string, source = 'syscall') => parseOutputFormat(fmt, { registry, source });
const shape = (fmt: string): (string | [string, number])[] =>
  parse(fmt).tokens.map((t) => (t.kind === 'text' ? t.text : [t.name, t.width]));
const errorOf = (fmt: string): string | undefined => {
  try {
    parse(fmt);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(OutputFormatError);
    return (e as Error).message;
  }
};

describe('output templates (docs/rules-language.md#output-templates)', () => {
  it('splits text and field tokens', () =>
    expect(shape('File opened (user=%user.name file=%fd.name)')).toEqual(['File opened (user=', ['user.name', 0], ' file=', ['fd.name', 0], ')']));
  it('reads arguments and widths', () => expect(shape('%proc.aname[2] %10proc.name')).toEqual([['proc.aname[2]', 0], ' ', ['proc.name', 10]]));
  it('takes the longest valid field prefix', () => {
    expect(shape('%proc.name_x')).toEqual([['proc.name', 0], '_x']);
    expect(shape('(%proc.aname[2])')).toEqual(['(', ['proc.aname[2]', 0], ')']);
    expect(shape('%evt.arg.flags,%evt.arg[0]')).toEqual([['evt.arg.flags', 0], ',', ['evt.arg[0]', 0]]);
  });
  it('reads transformers, and lists their inner fields for JSON output', () => {
    const f = parse('%tolower(proc.name) %toupper(tolower(proc.pname))');
    expect(f.fieldNames).toEqual(['proc.name', 'tolower(proc.name)', 'proc.pname', 'toupper(tolower(proc.pname))']);
    expect(f.transformed).toEqual([false, true, false, true]);
  });
  it('consumes a leading * as the render-with-missing-values flag', () => {
    expect(parse('*%proc.name').requireAll).toBe(false);
    expect(parse('%proc.name').requireAll).toBe(true);
  });
  it('resolves fields for the rule source only', () => {
    const f = parse('%ka.user.name %jevt.value[/stage]', 'k8s_audit');
    expect(f.fieldNames).toEqual(['ka.user.name', 'jevt.value[/stage]']);
    expect(errorOf('%ka.user.name')).toBe('invalid formatting token ka.user.name');
  });
  it.each([
    ['100% sure', 'invalid formatting token  sure'],
    ['%proc.nosuch x=%proc.name', 'invalid formatting token proc.nosuch x=%proc.name'],
    ['%tolower(proc.nosuch)', 'invalid formatting token proc.nosuch)'],
    ['%(proc.name)', 'invalid formatting token (proc.name)'],
    ['ends with %', 'invalid formatting syntax: formatting cannot end with a %'],
    ['width %10', 'invalid formatting syntax: formatting cannot end with a number'],
    ['', 'empty formatting token'],
  ])('rejects %j', (fmt, msg) => expect(errorOf(fmt)).toBe(msg));
  it('gives each field token a getter bound to the extractor', () => {
    const f = parseOutputFormat('%proc.name', { registry, source: 'syscall', bind: () => () => 'bash' });
    expect((f.tokens[0] as OutputField).value.get({ epoch: 1 })).toBe('bash');
    expect((f.tokens[0] as OutputField).value.type).toBe('CHARBUF');
  });
});
