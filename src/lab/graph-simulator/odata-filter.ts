// A small OData `$filter` parser: a tokenizer and a recursive-descent parser for the subset Graph's
// directory endpoints accept (comparisons, startsWith/endsWith, any() lambdas, `in`, and/or/not,
// parentheses). It only builds a tree; what Graph allows on which property is decided in
// filter-rules.ts, so a syntax error and an unsupported query fail differently, as in Graph.
import { graphErrors } from './errors.js';

export type Literal = string | number | boolean | null;
export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  /** `property op literal`; inside a lambda, `property` is the lambda variable. */
  | { kind: 'compare'; op: CompareOp; property: string; value: Literal }
  | { kind: 'in'; property: string; values: Literal[] }
  /** startsWith / endsWith (function names are case-insensitive in Graph). */
  | { kind: 'call'; fn: 'startswith' | 'endswith'; property: string; value: Literal }
  | { kind: 'lambda'; quantifier: 'any' | 'all'; property: string; variable: string; predicate: FilterNode };

type Token =
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; pos: number }
  | { t: 'ident'; v: string; pos: number }
  | { t: 'punct'; v: '(' | ')' | ',' | ':' | '/'; pos: number };

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_.$]/;

function syntaxError(source: string, pos: number, what: string): Error {
  return graphErrors.badRequest(`Invalid filter clause: ${what} at position ${pos} in '${source}'.`);
}

/** Splits a filter into tokens; string literals use OData's doubled single quote (`o''brien`). */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw syntaxError(source, start, 'unterminated string literal');
        const ch = source[i]!;
        if (ch === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      tokens.push({ t: 'string', v: value, pos: start });
    } else if ('(),:/'.includes(c)) {
      tokens.push({ t: 'punct', v: c as '(' | ')' | ',' | ':' | '/', pos: i });
      i++;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ t: 'number', v: Number(m[0]), pos: i });
      i += m[0].length;
    } else if (IDENT_START.test(c)) {
      const start = i;
      while (i < source.length && IDENT_PART.test(source[i]!)) i++;
      tokens.push({ t: 'ident', v: source.slice(start, i), pos: start });
    } else {
      throw syntaxError(source, i, `unexpected character '${c}'`);
    }
  }
  return tokens;
}

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/** Parses a `$filter` value into a tree, or throws Graph's 400 for a syntax error. */
export function parseFilter(source: string): FilterNode {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (what: string): never => {
    throw syntaxError(source, peek()?.pos ?? source.length, what);
  };
  const isIdent = (v: string) => {
    const t = peek();
    return t?.t === 'ident' && t.v === v;
  };
  const expectPunct = (v: string) => {
    const t = peek();
    if (t?.t !== 'punct' || t.v !== v) fail(`expected '${v}'`);
    pos++;
  };

  function parseOr(): FilterNode {
    let left = parseAnd();
    while (isIdent('or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }

  function parseAnd(): FilterNode {
    let left = parseUnary();
    while (isIdent('and')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  }

  function parseUnary(): FilterNode {
    if (isIdent('not')) {
      pos++;
      return { kind: 'not', operand: parseUnary() };
    }
    return parsePrimary();
  }

  function parseLiteral(): Literal {
    const t = peek();
    if (!t) return fail('expected a value');
    pos++;
    if (t.t === 'string' || t.t === 'number') return t.v;
    if (t.t === 'ident' && t.v === 'true') return true;
    if (t.t === 'ident' && t.v === 'false') return false;
    if (t.t === 'ident' && t.v === 'null') return null;
    pos--;
    return fail('expected a literal (quoted string, number, true, false or null)');
  }

  function parsePropertyPath(): string {
    const t = peek();
    if (t?.t !== 'ident') return fail('expected a property name');
    pos++;
    return t.v;
  }

  function parseCall(fnToken: Token & { t: 'ident' }): FilterNode {
    const fn = fnToken.v.toLowerCase() as 'startswith' | 'endswith';
    expectPunct('(');
    const property = parsePropertyPath();
    expectPunct(',');
    const value = parseLiteral();
    expectPunct(')');
    return { kind: 'call', fn, property, value };
  }

  function parsePrimary(): FilterNode {
    const t = peek();
    if (!t) return fail('unexpected end of filter');
    if (t.t === 'punct' && t.v === '(') {
      pos++;
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    if (t.t !== 'ident') return fail('expected a property name or function');
    pos++;
    const lower = t.v.toLowerCase();
    if ((lower === 'startswith' || lower === 'endswith') && peek()?.t === 'punct' && peek()!.v === '(') {
      return parseCall(t);
    }
    const property = t.v;
    const next = peek();
    if (next?.t === 'punct' && next.v === '/') {
      // collection/any(v: predicate) or collection/all(...)
      pos++;
      const q = peek();
      if (q?.t !== 'ident' || (q.v !== 'any' && q.v !== 'all')) return fail("expected 'any' or 'all'");
      pos++;
      expectPunct('(');
      const variable = parsePropertyPath();
      expectPunct(':');
      const predicate = parseOr();
      expectPunct(')');
      return { kind: 'lambda', quantifier: q.v, property, variable, predicate };
    }
    if (next?.t === 'ident' && next.v === 'in') {
      pos++;
      expectPunct('(');
      const values: Literal[] = [parseLiteral()];
      while (peek()?.t === 'punct' && peek()!.v === ',') {
        pos++;
        values.push(parseLiteral());
      }
      expectPunct(')');
      return { kind: 'in', property, values };
    }
    if (next?.t === 'ident' && COMPARE_OPS.has(next.v)) {
      pos++;
      return { kind: 'compare', op: next.v as CompareOp, property, value: parseLiteral() };
    }
    return fail('expected a comparison operator (eq, ne, gt, ge, lt, le), in, or a lambda');
  }

  if (tokens.length === 0) fail('empty filter');
  const tree = parseOr();
  if (pos < tokens.length) fail('unexpected token');
  return tree;
}
