// String matchers with libsinsp's semantics: path-prefix sets (`pmatch`) and fully anchored RE2 regular
// expressions (re2js, which runs in linear time whatever the pattern or input). Globs are in glob.ts.
import { FalcoReplayError } from '../../common/index.js';
import { RE2JS } from 're2js';
import { compileGlob, type GlobMatcher } from './glob.js';

function pathComponents(path: string): string[] {
  return ['root', ...path.split('/').filter((c) => c !== '')];
}

/** One component of a `pmatch` prefix: the text, and its compiled glob when it has glob characters. */
interface PrefixComponent {
  readonly text: string;
  readonly glob: GlobMatcher | undefined;
}

/** A set of path prefixes for `pmatch`: component-wise prefixes, components may be globs (compiled once). */
export class PathPrefixSet {
  readonly #paths: PrefixComponent[][] = [];

  add(path: string): void {
    this.#paths.push(pathComponents(path).map((text) => ({ text, glob: /[?*[]/.test(text) ? compileGlob(text) : undefined })));
  }

  match(path: string): boolean {
    const comps = pathComponents(path);
    return this.#paths.some((prefix) => {
      if (prefix.length > comps.length) return false;
      for (let i = 0; i < prefix.length; i++) {
        const pc = prefix[i] as PrefixComponent;
        const vc = comps[i] as string;
        if (pc.text === vc) continue;
        if (pc.glob?.(vc)) continue;
        return false;
      }
      return true;
    });
  }
}

/** A compile problem with a regex constant; the message is RE2's wording where we can match it. */
export class RegexError extends FalcoReplayError {
  override readonly name = 'RegexError';
}

// Perl extensions that RE2's POSIX syntax (which libsinsp uses) rejects.
const PERL_ONLY = /\\[dDsSwWbBAzCpPQE]|\(\?|[*+?}]\?/;

/** Compile a `regex` constant: RE2 POSIX syntax, matched against the whole value. */
export function compileRegex(pattern: string): (value: string) => boolean {
  const perl = PERL_ONLY.exec(pattern);
  if (perl) {
    const what = perl[0];
    if (what.startsWith('\\')) throw new RegexError(`invalid escape sequence: ${what}`);
    if (what === '(?') throw new RegexError('missing argument to repetition operator: ?');
    throw new RegexError(`bad repetition operator: ${what}`);
  }
  let re: ReturnType<typeof RE2JS.compile>;
  try {
    re = RE2JS.compile(pattern, RE2JS.MULTILINE);
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '').replace(/`/g, '').replace('(?m)', '') : String(e);
    throw new RegexError(msg);
  }
  return (value) => re.matches(value);
}
