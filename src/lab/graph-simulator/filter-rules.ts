// What Graph allows in a `$filter`, and how a filter tree is evaluated against a resource.
// Graph's directory endpoints accept eq/in/startsWith/any on some properties by default; ne, not,
// endsWith, `eq null` and range operators need `ConsistencyLevel: eventual` plus `$count=true`
// (docs/matching-facts.md §3). A filter Graph would reject is rejected here with Graph's code.
import { graphErrors } from './errors.js';
import type { FilterNode, Literal } from './odata-filter.js';
import type { PropertyRule, ResourceSchema } from './schemas.js';

type Resource = Record<string, unknown>;

/** Throws Graph's 400 when the filter is not allowed for this resource (and these headers). */
export function checkFilter(tree: FilterNode, schema: ResourceSchema, advanced: boolean): void {
  walk(tree, null);

  function ruleFor(property: string): PropertyRule {
    const rule = schema.properties[property];
    if (!rule) throw graphErrors.unknownProperty(property, schema.typeName);
    return rule;
  }

  function requireAdvanced(operator: string): void {
    if (!advanced) throw graphErrors.needsAdvancedQuery(operator);
  }

  function checkOperand(property: string, rule: PropertyRule, value: Literal, operator: string): void {
    const expected = rule.type === 'boolean' ? 'boolean' : rule.type === 'number' ? 'number' : 'string';
    if (value !== null && typeof value !== expected) {
      throw graphErrors.badRequest(
        `A binary operator with incompatible types was detected. Found operand types '${edm(rule)}' and ` +
          `'${edmOf(value)}' for operator kind '${operator}' on property '${property}'.`,
      );
    }
  }

  /** `lambdaVar` is set inside `collection/any(v: …)`: there, property names must be that variable. */
  function walk(
    node: FilterNode,
    lambda: { variable: string; collection: string; rule: PropertyRule } | null,
  ): void {
    switch (node.kind) {
      case 'and':
      case 'or':
        walk(node.left, lambda);
        walk(node.right, lambda);
        return;
      case 'not':
        requireAdvanced('not');
        walk(node.operand, lambda);
        return;
      case 'lambda': {
        if (lambda) throw graphErrors.unsupportedQuery('Nested lambda expressions are not supported.');
        const rule = ruleFor(node.property);
        if (rule.type !== 'stringCollection' || !rule.filterable) {
          throw graphErrors.unsupportedFilterProperty(node.property, schema.resource);
        }
        if (node.quantifier === 'all')
          throw graphErrors.unsupportedFilterProperty(node.property, schema.resource);
        walk(node.predicate, { variable: node.variable, collection: node.property, rule });
        return;
      }
      case 'compare':
      case 'in':
      case 'call': {
        const { property, rule, basic } = resolve(node.property, lambda);
        if (!rule.filterable) throw graphErrors.unsupportedFilterProperty(property, schema.resource);
        if (rule.type === 'stringCollection' && !lambda) {
          throw graphErrors.badRequest(
            `The operand for a binary operator is a collection ('${property}'). Use ${property}/any(x:x eq '…') instead.`,
          );
        }
        if (node.kind === 'compare') {
          checkOperand(property, rule, node.value, node.op);
          if (node.op === 'ne') requireAdvanced('ne');
          else if (node.op !== 'eq') requireAdvanced(node.op);
          else if (node.value === null && !advanced) {
            throw graphErrors.unsupportedFilterProperty(property, schema.resource);
          } else if (!basic.includes('eq') && !basic.includes('any') && !advanced) {
            throw graphErrors.unsupportedFilterProperty(property, schema.resource);
          }
        } else if (node.kind === 'in') {
          for (const v of node.values) checkOperand(property, rule, v, 'in');
          if (!basic.includes('in') && !advanced)
            throw graphErrors.unsupportedFilterProperty(property, schema.resource);
        } else {
          checkOperand(property, { type: 'string' }, node.value, node.fn);
          if (node.fn === 'endswith') requireAdvanced('endsWith');
          else if (!basic.includes('startswith') && !basic.includes('any') && !advanced) {
            throw graphErrors.unsupportedFilterProperty(property, schema.resource);
          }
        }
        return;
      }
    }
  }

  function resolve(
    name: string,
    lambda: { variable: string; collection: string; rule: PropertyRule } | null,
  ): { property: string; rule: PropertyRule; basic: readonly string[] } {
    if (lambda) {
      if (name !== lambda.variable) {
        throw graphErrors.badRequest(
          `Invalid filter clause: '${name}' is not the lambda variable '${lambda.variable}'.`,
        );
      }
      // The element of a string collection: eq and startsWith are basic when any() is.
      const basic = lambda.rule.basic?.includes('any') ? ['eq', 'startswith'] : [];
      return {
        property: lambda.collection,
        rule: { type: 'string', filterable: true, caseSensitive: lambda.rule.caseSensitive },
        basic,
      };
    }
    const rule = ruleFor(name);
    return { property: name, rule, basic: rule.basic ?? [] };
  }
}

function edm(rule: PropertyRule): string {
  return rule.type === 'boolean' ? 'Edm.Boolean' : rule.type === 'number' ? 'Edm.Int32' : 'Edm.String';
}

function edmOf(value: Literal): string {
  return typeof value === 'boolean' ? 'Edm.Boolean' : typeof value === 'number' ? 'Edm.Int32' : 'Edm.String';
}

/** Evaluates a checked filter against one resource (its full representation). */
export function matchesFilter(tree: FilterNode, resource: Resource, schema: ResourceSchema): boolean {
  return evaluate(tree, null);

  function evaluate(
    node: FilterNode,
    scope: { variable: string; value: unknown; caseSensitive: boolean } | null,
  ): boolean {
    switch (node.kind) {
      case 'and':
        return evaluate(node.left, scope) && evaluate(node.right, scope);
      case 'or':
        return evaluate(node.left, scope) || evaluate(node.right, scope);
      case 'not':
        return !evaluate(node.operand, scope);
      case 'lambda': {
        const items = resource[node.property];
        const list = Array.isArray(items) ? items : [];
        const caseSensitive = schema.properties[node.property]?.caseSensitive === true;
        return list.some((value) =>
          evaluate(node.predicate, { variable: node.variable, value, caseSensitive }),
        );
      }
      case 'compare': {
        const [actual, cs] = read(node.property, scope);
        return compare(actual, node.op, node.value, cs);
      }
      case 'in': {
        const [actual, cs] = read(node.property, scope);
        return node.values.some((v) => compare(actual, 'eq', v, cs));
      }
      case 'call': {
        const [actual, cs] = read(node.property, scope);
        if (typeof actual !== 'string' || typeof node.value !== 'string') return false;
        const a = cs ? actual : actual.toLowerCase();
        const b = cs ? node.value : node.value.toLowerCase();
        return node.fn === 'startswith' ? a.startsWith(b) : a.endsWith(b);
      }
    }
  }

  function read(
    property: string,
    scope: { variable: string; value: unknown; caseSensitive: boolean } | null,
  ): [unknown, boolean] {
    if (scope && property === scope.variable) return [scope.value, scope.caseSensitive];
    return [resource[property] ?? null, schema.properties[property]?.caseSensitive === true];
  }
}

function compare(actual: unknown, op: string, expected: Literal, caseSensitive: boolean): boolean {
  if (expected === null || actual === null || actual === undefined) {
    const bothNull = expected === null && (actual === null || actual === undefined);
    if (op === 'eq') return bothNull;
    if (op === 'ne') return !bothNull;
    return false;
  }
  let a = actual;
  let b: unknown = expected;
  // Directory string comparisons are case-insensitive except for base64 anchors (docs/matching-facts.md §3).
  // For proxyAddresses that is UNVERIFIED on real Graph; the adapter queries both the `SMTP:` and
  // `smtp:` forms, so it does not depend on the lab being right about it.
  if (typeof a === 'string' && typeof b === 'string' && !caseSensitive) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return (a as string) > (b as string);
    case 'ge':
      return (a as string) >= (b as string);
    case 'lt':
      return (a as string) < (b as string);
    case 'le':
      return (a as string) <= (b as string);
    default:
      return false;
  }
}
