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

/** Lists of document changes whose every document the projection engine checked as its handlers returned them. */
const vetted = new WeakSet<readonly DocumentChange[]>();

/**
 * Marks a commit's document changes as checked by the engine (`assertStorable`), so a store in the same process need
 * not walk them again; returns them. One mark per commit: a mark per document (a WeakSet entry each) cost a twentieth
 * of a profile rebuild.
 */
export const vetDocuments = <T extends readonly DocumentChange[]>(changes: T): T => {
  vetted.add(changes);
  return changes;
};

/**
 * Throws one `ValidationError` naming every document of a commit that breaks the document rule. With `trustVetted`,
 * changes the engine checked are not walked again (the in-memory store, which keeps them as they are); a store that
 * serialises them checks everything, so a state changed in place after its check is still caught.
 */
export const checkDocuments = (changes: readonly DocumentChange[], trustVetted = false): void => {
  if (trustVetted && vetted.has(changes)) return;
  const issues: ValidationIssue[] = [];
  changes.forEach(({ document }, i) => {
    if (document === null) return;
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
