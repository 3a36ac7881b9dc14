// Engine imports for tests, plus small AST helpers.
import type { Expr } from '../../src/engine/index.js';

export * from '../../src/engine/index.js';

/** Field references (`name[arg]`) of an expression. */
export function walkFields(e: Expr): string[] {
  const out: string[] = [];
  const visit = (n: Expr): void => {
    switch (n.kind) {
      case 'field':
        out.push(n.arg === undefined ? n.field : `${n.field}[${n.arg}]`);
        return;
      case 'and':
      case 'or':
      case 'tlist':
        n.children.forEach(visit);
        return;
      case 'not':
        visit(n.child);
        return;
      case 'unary':
        visit(n.left);
        return;
      case 'binary':
        visit(n.left);
        visit(n.right);
        return;
      case 'transformer':
        n.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(e);
  return out;
}
