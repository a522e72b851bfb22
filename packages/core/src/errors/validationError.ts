import { RapportError } from './rapportError';

/** One problem found in an input: where it is, what rule it broke, and what was there. */
export interface ValidationIssue {
  /** Human path such as `purchase.lines[2].quantity`. */
  readonly path: string;
  /** The rule in words, e.g. `must be a positive integer`. */
  readonly rule: string;
  /** A short rendering of the offending value, when there was one. */
  readonly got?: string;
}

/** Renders an issue as `path: rule (got value)`. */
export const formatIssue = (issue: ValidationIssue): string =>
  `${issue.path}: ${issue.rule}${issue.got === undefined ? '' : ` (got ${issue.got})`}`;

/** Input that breaks a schema or a rule; `issues` lists every problem, the message names them all. */
export class ValidationError extends RapportError {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], options: { cause?: unknown } = {}) {
    const shown = issues.slice(0, 5).map(formatIssue);
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
    super('Validation', `${shown.join('; ')}${more}`, { ...options, data: { issues } });
    this.issues = issues;
  }
}

/** True when `error` is a validation error. */
export const isValidationError = (error: unknown): error is ValidationError =>
  error instanceof ValidationError;
