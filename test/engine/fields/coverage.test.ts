// Every catalogue field is either extracted or on the binder's explicit "not extracted" list (with a reason),
// and neither table names a field the catalogue does not have.
import { describe, expect, it } from 'vitest';
import { GENERIC_CLASSES, KNOWN_PLUGINS, SYSCALL_CLASSES } from '../../../src/engine/fields/classes.js';
import { extractorNames, hasExtractor, isNotExtracted, NOT_EXTRACTED } from '../../../src/engine/fields/extract/binder.js';

const classes = [...SYSCALL_CLASSES, ...GENERIC_CLASSES, ...KNOWN_PLUGINS.map((p) => p.fields)];
const fields = classes.flatMap((c) => c.fields.map((f) => ({ cls: c.name, name: f.name })));
const names = new Set(fields.map((f) => f.name));

describe('field catalogue and extractors', () => {
  it('gives every catalogue field an extractor or a "not extracted" entry', () => {
    const orphans = fields.filter((f) => !hasExtractor(f.name) && !isNotExtracted(f.cls, f.name)).map((f) => `${f.cls}: ${f.name}`);
    expect(orphans).toEqual([]);
  });

  it('extracts no field that is also listed as not extracted', () => {
    const both = fields.filter((f) => hasExtractor(f.name) && isNotExtracted(f.cls, f.name)).map((f) => f.name);
    expect(both).toEqual([]);
  });

  it('has an extractor only for fields the catalogue has', () => {
    expect(extractorNames().filter((n) => !names.has(n))).toEqual([]);
  });

  it('lists only classes and fields the catalogue has, each with a reason', () => {
    const classNames = new Set(classes.map((c) => c.name));
    for (const e of NOT_EXTRACTED) {
      expect(e.reason.length).toBeGreaterThan(20);
      if ('fieldClass' in e) expect(classNames.has(e.fieldClass), e.fieldClass).toBe(true);
      else for (const n of e.fields) expect(names.has(n), n).toBe(true);
    }
  });

  it('extracts the plugin-source families from plugin payloads', () => {
    for (const [cls, sample] of [['k8saudit', 'ka.verb'], ['cloudtrail', 'ct.name'], ['json', 'json.value']] as const) {
      expect(isNotExtracted(cls, sample)).toBe(false);
      expect(hasExtractor(sample)).toBe(true);
    }
  });
});
