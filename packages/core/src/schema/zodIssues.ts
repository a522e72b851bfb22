import type { z } from 'zod';
import type { ValidationIssue } from '../errors/validationError';

const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)/;

/** Renders a property path the way a developer writes it: `purchase.lines[2].quantity`. */
export const formatPath = (root: string, path: readonly PropertyKey[]): string => {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(input)' : out;
};

/** A short, single-line rendering of a value for error messages. */
export const renderValue = (value: unknown): string => {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else if (Array.isArray(value)) text = `an array of ${value.length}`;
  else if (typeof value === 'object') text = value instanceof Date ? 'a date' : 'an object';
  else text = typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const bound = (
  issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string },
  small: boolean,
) => {
  const limit = String(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      return `must have ${small ? 'at least' : 'at most'} ${limit} characters`;
    case 'array':
    case 'set':
      return `must have ${small ? 'at least' : 'at most'} ${limit} items`;
    default:
      if (small && limit === '0' && issue.inclusive === false) return 'must be positive';
      if (issue.inclusive === false) return `must be ${small ? 'greater' : 'less'} than ${limit}`;
      return `must be ${small ? 'at least' : 'at most'} ${limit}`;
  }
};

const FORMATS: Record<string, string> = {
  email: 'must be an email address',
  datetime: 'must be an ISO-8601 date-time in UTC, e.g. 2026-01-31T09:30:00Z',
  date: 'must be an ISO-8601 date, e.g. 2026-01-31',
  uuid: 'must be a UUID',
  url: 'must be a URL',
};

const ruleOf = (issue: z.core.$ZodIssue): string => {
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int') return 'must be an integer';
      return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'too_small':
      return bound(issue as never, true);
    case 'too_big':
      return bound(issue as never, false);
    case 'invalid_format':
      return (
        FORMATS[issue.format] ??
        (issue.format === 'regex' ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`)
      );
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options
        ? `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`
        : 'matches none of the allowed shapes';
    }
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
};

/** Converts zod issues into Rapport validation issues rooted at `root` (e.g. the command or event name). */
export const toValidationIssues = (root: string, issues: readonly z.core.$ZodIssue[]): ValidationIssue[] =>
  issues.map((issue) => {
    const rule = ruleOf(issue);
    const path = formatPath(root, issue.path);
    const showInput = issue.code !== 'unrecognized_keys' && issue.input !== undefined;
    const discriminated =
      issue.code === 'invalid_union' && (issue as { discriminator?: string }).discriminator;
    const got = discriminated ? (issue.input as Record<string, unknown>)[discriminated] : issue.input;
    return showInput && got !== undefined ? { path, rule, got: renderValue(got) } : { path, rule };
  });
