// A validator for the subset of JSON Schema docs/diff-report.schema.json uses (type, const, enum, required,
// properties, additionalProperties: false, items, minimum, pattern, oneOf, local $ref); anything else in the
// schema is reported as unsupported, so the test cannot pass by ignoring a keyword.
type Schema = Record<string, unknown>;

const SUPPORTED = new Set(['$schema', '$id', 'title', 'description', '$defs', 'type', 'const', 'enum', 'required', 'properties', 'additionalProperties', 'items', 'minimum', 'pattern', 'oneOf', '$ref']);

function typeOf(v: unknown): string[] {
  if (v === null) return ['null'];
  if (Array.isArray(v)) return ['array'];
  if (typeof v === 'number') return Number.isInteger(v) ? ['integer', 'number'] : ['number'];
  return [typeof v];
}

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/([\w-]+)$/.exec(ref);
    const def = m ? (root.$defs as Record<string, Schema> | undefined)?.[m[1] as string] : undefined;
    if (!def) throw new Error(`unresolvable $ref ${ref}`);
    return def;
  };
  const check = (s: Schema, v: unknown, path: string, out: string[]): void => {
    for (const k of Object.keys(s)) if (!SUPPORTED.has(k)) throw new Error(`unsupported schema keyword ${k} at ${path}`);
    if (typeof s.$ref === 'string') check(resolve(s.$ref), v, path, out);
    if (s.type !== undefined) {
      const want = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!typeOf(v).some((t) => want.includes(t))) out.push(`${path}: expected ${want.join('|')}, got ${typeOf(v)[0]}`);
    }
    if ('const' in s && v !== s.const) out.push(`${path}: expected ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.includes(v)) out.push(`${path}: ${JSON.stringify(v)} not in enum`);
    if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) out.push(`${path}: below ${s.minimum}`);
    if (typeof s.pattern === 'string' && typeof v === 'string' && !new RegExp(s.pattern, 'u').test(v)) out.push(`${path}: does not match ${s.pattern}`);
    if (Array.isArray(s.oneOf)) {
      const ok = (s.oneOf as Schema[]).filter((alt) => {
        const e: string[] = [];
        check(alt, v, path, e);
        return e.length === 0;
      }).length;
      if (ok !== 1) out.push(`${path}: matches ${ok} of oneOf`);
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      for (const k of (s.required as string[] | undefined) ?? []) if (!(k in o)) out.push(`${path}: missing ${k}`);
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, sub] of Object.entries(o)) {
        if (props[k]) check(props[k], sub, `${path}.${k}`, out);
        else if (s.additionalProperties === false) out.push(`${path}: unexpected key ${k}`);
      }
    }
    if (Array.isArray(v) && s.items) v.forEach((x, i) => check(s.items as Schema, x, `${path}[${i}]`, out));
  };
  check(root, value, '$', errors);
  return errors;
}
