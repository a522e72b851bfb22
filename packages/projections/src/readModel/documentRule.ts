import { ValidationError, type ValidationIssue } from '@rapport/core';
import { jsonProblem } from '../effects/jsonProblem';
import type { DocumentChange } from './readModelStore';

/**
 * The document rule every read-model store holds: a document is JSON that survives a round trip unchanged (plain
 * objects and arrays, strings, finite numbers, booleans, null inside; a property may be undefined). A bigint, Date,
 * Map, Set, class instance, function, NaN or Infinity, a hole or undefined in an array, or a cycle is refused, so a
 * projection that works in memory works the same on PostgreSQL. Undefined when `document` may be stored.
 */
export const documentProblem = (
  document: unknown,
  path: string,
  known?: WeakSet<object>,
): ValidationIssue | undefined =>
  document === undefined
    ? { path, rule: 'must be a JSON value (null deletes the document)', got: 'undefined' }
    : jsonProblem(document, path, known);

/** Documents the projection engine checked as its handlers returned them (`assertStorable`). */
const vetted = new WeakSet<object>();

/** Marks a document the engine checked, so a store in the same process need not walk it again; returns it. */
export const vetDocument = <T>(document: T): T => {
  if (typeof document === 'object' && document !== null) vetted.add(document);
  return document;
};

/**
 * Throws one `ValidationError` naming every document of a commit that breaks the document rule. With `trustVetted`,
 * documents the engine checked are not walked again (the in-memory store, which keeps them as they are); a store that
 * serialises them checks everything, so a state changed in place after its check is still caught.
 */
export const checkDocuments = (changes: readonly DocumentChange[], trustVetted = false): void => {
  const issues: ValidationIssue[] = [];
  changes.forEach(({ document }, i) => {
    if (document === null || (trustVetted && vetted.has(document as object))) return;
    const problem = documentProblem(document, `documents[${i}].document`);
    if (problem !== undefined) issues.push(problem);
  });
  if (issues.length > 0) throw new ValidationError(issues);
};

/** Throws a `ValidationError` when one document breaks the document rule. */
export const checkDocument = (document: unknown, path = 'document'): void => {
  const problem = documentProblem(document, path);
  if (problem !== undefined) throw new ValidationError([problem]);
};
