import { z } from 'zod';
import { type ParseResult, safeParseAs } from './parse';
import { toValidationIssues } from './zodIssues';

type Compile = <TSchema extends z.ZodType>(schema: TSchema) => TSchema;

// `z.compile` (zod 4.5+) turns a schema into generated straight-line code with zod's own results and errors;
// older zod has none, and then every parse takes the runtime parser
const zodCompile = (z as unknown as { compile?: Compile }).compile;

// compiling costs a few milliseconds a schema, so each schema instance is compiled once, on first use
const compiled = new WeakMap<z.ZodType, z.ZodType>();

const compiledOf = <TSchema extends z.ZodType>(schema: TSchema): TSchema => {
  let fast = compiled.get(schema);
  if (fast === undefined) {
    try {
      // a schema the compiler cannot model (a cycle, async checks) comes back unchanged, on the runtime parser
      fast = zodCompile ? zodCompile(schema) : schema;
    } catch {
      fast = schema;
    }
    compiled.set(schema, fast);
  }
  return fast as TSchema;
};

const EXPLAIN = { reportInput: true } as const;

/**
 * A parser of `schema` with the same results as `safeParseAs(schema, input, root)`, faster: the schema is compiled
 * on first use (zod's `z.compile`), valid input takes the generated fast path, and invalid input falls back to
 * zod's runtime parser, which names every issue exactly as it always does.
 */
export const compiledParser = <TSchema extends z.ZodType>(
  schema: TSchema,
  root: string,
): ((input: unknown) => ParseResult<z.output<TSchema>>) => {
  let fast: TSchema | undefined;
  return (input) => {
    fast ??= compiledOf(schema);
    if (fast === schema) return safeParseAs(schema, input, root);
    // the compiled schema ignores `reportInput` on its fast path and hands it to the runtime parser on failure
    const result = fast.safeParse(input, EXPLAIN);
    if (result.success) return { success: true, value: result.data };
    return { success: false, issues: toValidationIssues(root, result.error.issues) };
  };
};
