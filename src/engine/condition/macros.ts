// Macro expansion: a macro reference becomes the macro's (already expanded) expression, as a grouped
// sub-expression, so bodies keep their precedence (docs/rules-language.md#macros). Bodies are shared, not copied:
// nodes are immutable, and each carries `from` (the macro it was written in) for diagnostics.
import { FalcoReplayError } from '../../common/index.js';
import type { Expr } from './ast.js';

export interface MacroProblem {
  readonly message: string;
  /** Offset of the offending reference in the expression being expanded. */
  readonly offset: number;
}

export interface MacroExpansion {
  readonly expr: Expr;
  /** Names of every macro substituted, nested ones included. */
  readonly resolved: readonly string[];
  /** The first loop or unknown macro met, if any ("reference loop in macro 'X'" / "Undefined macro 'X' used in filter."). */
  readonly problem?: MacroProblem;
}

/**
 * Caps on the expanded condition. Bodies are shared, but every later pass (walks, compiler, printer) sees a
 * tree: a macro used twice by the next macro, nested 300 times, would be 2^300 nodes, and a chain of a few
 * thousand nested macros overflows the stack. The largest official rule (Write below etc) expands to under a thousand.
 */
export const MAX_EXPANDED_NODES = 200_000;
export const MAX_EXPANDED_DEPTH = 1000;

class TooLarge extends FalcoReplayError {}

/** Expand macro references in `expr` using `macros` (name → expression); unknown identifiers are reported. */
export function expandMacros(expr: Expr, macros: { get(name: string): Expr | undefined }): MacroExpansion {
  const resolved: string[] = [];
  const errors: MacroProblem[] = [];
  const unknown: MacroProblem[] = [];
  const path: string[] = [];
  let nodes = 0;
  let depth = 0;

  const visit = (e: Expr): Expr | undefined => {
    if (++nodes > MAX_EXPANDED_NODES) throw new TooLarge(`condition too large after macro expansion: more than ${MAX_EXPANDED_NODES} nodes`);
    if (depth >= MAX_EXPANDED_DEPTH) throw new TooLarge(`condition nested too deeply after macro expansion: more than ${MAX_EXPANDED_DEPTH} levels`);
    depth++;
    try {
      return visitNode(e);
    } finally {
      depth--;
    }
  };

  const visitNode = (e: Expr): Expr | undefined => {
    switch (e.kind) {
      case 'and':
      case 'or': {
        let changed = false;
        const children = e.children.map((c) => {
          const r = visit(c);
          if (r) changed = true;
          return r ?? c;
        });
        return changed ? { ...e, children } : undefined;
      }
      case 'not': {
        const r = visit(e.child);
        return r ? { ...e, child: r } : undefined;
      }
      case 'identifier': {
        const body = macros.get(e.name);
        if (!body) {
          unknown.push({ message: `Undefined macro '${e.name}' used in filter.`, offset: e.offset });
          return undefined;
        }
        if (path.includes(e.name)) {
          errors.push({ message: `reference loop in macro '${e.name}'`, offset: e.offset });
          unknown.push({ message: `Undefined macro '${e.name}' used in filter.`, offset: e.offset });
          return undefined;
        }
        // ASTs are immutable: the body is shared, and only rebuilt along paths where references expand.
        path.push(e.name);
        const r = visit(body) ?? body;
        resolved.push(e.name);
        path.pop();
        return r;
      }
      default:
        return undefined;
    }
  };

  let out: Expr;
  try {
    out = visit(expr) ?? expr;
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    return { expr, resolved, problem: { message: e.message, offset: expr.offset } };
  }
  const problem = errors[0] ?? unknown[0];
  return problem ? { expr: out, resolved, problem } : { expr: out, resolved };
}
