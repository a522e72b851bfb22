import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validationError';
import { toValidationIssues } from './zodIssues';

/** The outcome of parsing untrusted input: the typed value, or every issue found. */
export type ParseResult<T> =
  | { readonly success: true; readonly value: T }
  | { readonly success: false; readonly issues: readonly ValidationIssue[] };

/** Parses `input` against `schema`; issues are named from `root` (e.g. `purchase`). Never throws. */
export const safeParseAs = <TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  root: string,
): ParseResult<z.output<TSchema>> => {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, value: result.data };
  // parse again with inputs attached only on failure, to keep the happy path lean
  const explained = schema.safeParse(input, { reportInput: true });
  return { success: false, issues: toValidationIssues(root, (explained.error ?? result.error).issues) };
};

/** Parses `input` against `schema`, throwing a `ValidationError` that names every bad field. */
export const parseAs = <TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  root: string,
): z.output<TSchema> => {
  const result = safeParseAs(schema, input, root);
  if (!result.success) throw new ValidationError(result.issues);
  return result.value;
};
