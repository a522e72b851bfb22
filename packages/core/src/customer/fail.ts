import { ValidationError } from '../errors/validationError';

/** Throws a ValidationError for one path: the rule it breaks, and what it held when given. */
export const fail = (path: string, rule: string, got?: unknown): never => {
  throw new ValidationError([got === undefined ? { path, rule } : { path, rule, got: String(got) }]);
};
