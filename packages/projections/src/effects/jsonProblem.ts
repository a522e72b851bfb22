import { renderValue, type ValidationIssue } from '@rapport/core';

/** Where a value stops being JSON, and why. */
export type JsonProblem = ValidationIssue;

const walk = (
  node: unknown,
  at: string,
  open: Set<object>,
  known: WeakSet<object> | undefined,
): JsonProblem | undefined => {
  switch (typeof node) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(node)
        ? undefined
        : { path: at, rule: 'must be a finite number', got: renderValue(node) };
    case 'object': {
      if (node === null || known?.has(node)) return undefined;
      if (open.has(node)) return { path: at, rule: 'must not refer back to itself (a cycle)' };
      const isArray = Array.isArray(node);
      const proto = Object.getPrototypeOf(node);
      if (!isArray && proto !== Object.prototype && proto !== null) {
        const kind = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'object';
        return { path: at, rule: 'must be a plain object, array or JSON scalar', got: `a ${kind}` };
      }
      open.add(node);
      let problem: JsonProblem | undefined;
      if (isArray) {
        for (let i = 0; i < node.length && problem === undefined; i++) {
          if (!(i in node)) problem = { path: `${at}[${i}]`, rule: 'must not be a hole in the array' };
          else if (node[i] === undefined)
            problem = { path: `${at}[${i}]`, rule: 'must be JSON', got: 'undefined' };
          else problem = walk(node[i], `${at}[${i}]`, open, known);
        }
      } else {
        for (const name in node) {
          if (!Object.hasOwn(node, name)) continue;
          const child = (node as Record<string, unknown>)[name];
          if (child === undefined) continue;
          problem = walk(child, `${at}.${name}`, open, known);
          if (problem !== undefined) break;
        }
      }
      open.delete(node);
      if (problem === undefined) known?.add(node);
      return problem;
    }
    default:
      return { path: at, rule: 'must be JSON', got: renderValue(node) };
  }
};

/**
 * The first reason `value` is not JSON that survives a round trip unchanged, with the path to it (`path` is the root's
 * name); undefined when it is. Plain objects and arrays only: a Date, Map, class instance, bigint, function, symbol,
 * non-finite number, sparse or holey array, or a cycle is named. An object property may be undefined (JSON drops it).
 * Objects in `known` are taken as checked and skipped; every object found good is added to it, so values that share
 * structure with earlier ones (an immutable update) cost only their new parts.
 */
export const jsonProblem = (
  value: unknown,
  path: string,
  known?: WeakSet<object>,
): JsonProblem | undefined =>
  typeof value === 'object' && value !== null
    ? walk(value, path, new Set(), known)
    : walk(value, path, EMPTY, undefined);

const EMPTY: Set<object> = new Set();
