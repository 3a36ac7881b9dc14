// The condition AST. Node kinds follow libsinsp's filter AST so that printed forms, event-type sets and
// describe details match Falco; every node carries the offset (UTF-16 index) where it starts in the
// condition text it was parsed from.

export interface AndExpr {
  readonly kind: 'and';
  readonly children: readonly Expr[];
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
export interface OrExpr {
  readonly kind: 'or';
  readonly children: readonly Expr[];
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
export interface NotExpr {
  readonly kind: 'not';
  readonly child: Expr;
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
/** A bare identifier where a check may stand: a macro reference. */
export interface IdentifierExpr {
  readonly kind: 'identifier';
  readonly name: string;
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
/** A constant right-hand side (quoted strings already unescaped), or a bare identifier after `in`. */
export interface ValueExpr {
  readonly kind: 'value';
  readonly value: string;
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
/** A parenthesised list of constants. */
export interface ListExpr {
  readonly kind: 'list';
  readonly values: readonly string[];
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
/** `field exists`. */
export interface UnaryCheckExpr {
  readonly kind: 'unary';
  readonly left: Expr;
  readonly op: string;
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
/** `left op right`; `op` may carry a modifier: `startswith oneof`. */
export interface BinaryCheckExpr {
  readonly kind: 'binary';
  readonly left: Expr;
  readonly op: string;
  readonly right: Expr;
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
/** A field reference with its optional argument as written: `proc.aname[2]` → name + arg `2`. */
export interface FieldExpr {
  readonly kind: 'field';
  readonly field: string;
  readonly arg?: string;
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
/** `tolower(x)`, `val(x)`, `join(",", (a, b))`... with an optional trailing `[arg]`. */
export interface TransformerExpr {
  readonly kind: 'transformer';
  readonly transformer: string;
  readonly args: readonly Expr[];
  readonly arg?: string;
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}
/** A parenthesised list of transformer arguments: `concat((a, b))`. */
export interface TransformerListExpr {
  readonly kind: 'tlist';
  readonly children: readonly Expr[];
  readonly offset: number;
  /** Name of the macro this node was copied from, when it came from a macro expansion. */
  readonly from?: string;
}

export type Expr =
  | AndExpr
  | OrExpr
  | NotExpr
  | IdentifierExpr
  | ValueExpr
  | ListExpr
  | UnaryCheckExpr
  | BinaryCheckExpr
  | FieldExpr
  | TransformerExpr
  | TransformerListExpr;

/** Structural equality, ignoring positions. */
export function exprEquals(a: Expr, b: Expr): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'and':
    case 'or':
    case 'tlist': {
      const bc = (b as AndExpr).children;
      return a.children.length === bc.length && a.children.every((c, i) => exprEquals(c, bc[i] as Expr));
    }
    case 'not':
      return exprEquals(a.child, (b as NotExpr).child);
    case 'identifier':
      return a.name === (b as IdentifierExpr).name;
    case 'value':
      return a.value === (b as ValueExpr).value;
    case 'list': {
      const bv = (b as ListExpr).values;
      return a.values.length === bv.length && a.values.every((v, i) => v === bv[i]);
    }
    case 'unary':
      return a.op === (b as UnaryCheckExpr).op && exprEquals(a.left, (b as UnaryCheckExpr).left);
    case 'binary': {
      const bb = b as BinaryCheckExpr;
      return a.op === bb.op && exprEquals(a.left, bb.left) && exprEquals(a.right, bb.right);
    }
    case 'field':
      return a.field === (b as FieldExpr).field && a.arg === (b as FieldExpr).arg;
    case 'transformer': {
      const bt = b as TransformerExpr;
      return (
        a.transformer === bt.transformer &&
        a.arg === bt.arg &&
        a.args.length === bt.args.length &&
        a.args.every((c, i) => exprEquals(c, bt.args[i] as Expr))
      );
    }
  }
}

/** Depth-first walk over every node. */
export function walk(e: Expr, visit: (node: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'and':
    case 'or':
    case 'tlist':
      for (const c of e.children) walk(c, visit);
      break;
    case 'not':
      walk(e.child, visit);
      break;
    case 'unary':
      walk(e.left, visit);
      break;
    case 'binary':
      walk(e.left, visit);
      walk(e.right, visit);
      break;
    case 'transformer':
      for (const c of e.args) walk(c, visit);
      break;
    default:
      break;
  }
}
