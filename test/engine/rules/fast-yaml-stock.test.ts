// Every official rules file (and Falco's test rules the fast reader takes) reads with the fast YAML reader, into
// exactly eemeli/yaml's nodes: the stock rules never pay for the general parser.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../helpers/paths.js';
import { bothReaders } from '../../helpers/yaml-canon.js';

const stock = readdirSync(sharedPath('rules')).filter((f) => f.endsWith('.yaml')).sort();
const tests = readdirSync(sharedPath('falco-tests', 'rules')).filter((f) => f.endsWith('.yaml')).sort();

describe('fast YAML reader on the shared rules files', () => {
  it.each(stock)('%s reads fast, as eemeli/yaml reads it', (f) => {
    const { fast, library } = bothReaders(readFileSync(sharedPath('rules', f), 'utf8'));
    expect(fast).toBeDefined();
    expect(fast).toEqual(library);
  });

  it("Falco's test rules files read fast as eemeli/yaml reads them, or are left to it", () => {
    let fastCount = 0;
    for (const f of tests) {
      const { fast, library } = bothReaders(readFileSync(sharedPath('falco-tests', 'rules', f), 'utf8'));
      if (fast === undefined) continue;
      fastCount++;
      expect(fast, f).toEqual(library);
    }
    expect(fastCount).toBeGreaterThan(tests.length / 2);
  });
});
