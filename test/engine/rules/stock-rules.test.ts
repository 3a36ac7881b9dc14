import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RulesEngine } from '../../../src/engine/rules/engine.js';
import { sharedPath } from '../../helpers/paths.js';

const files = readdirSync(sharedPath('rules')).filter((f) => f.endsWith('.yaml')).sort();

describe('every official rules file in ../shared/rules loads', () => {
  for (const f of files) {
    it(`${f} loads with zero errors`, () => {
      const engine = new RulesEngine();
      const res = engine.load(readFileSync(sharedPath('rules', f), 'utf8'), f);
      const errors = res.errors.map((e) => `${e.code}: ${e.message} @ ${e.context.locations.map((l) => `${l.itemType} ${l.itemName}`).join(' > ')}`);
      expect(errors).toEqual([]);
      expect(engine.compiled?.rules.length).toBeGreaterThan(0);
      expect(engine.pluginRequirementsError()).toBeUndefined();
    });
  }
});
