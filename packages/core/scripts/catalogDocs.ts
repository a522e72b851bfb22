import type { z } from 'zod';
import type { EventDefinition } from '../src/registry/defineEvent';
import { isPersonal } from '../src/schema/personal';
import { currencySchema } from '../src/schema/primitives';

interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: Record<string, unknown> } }[];
  readonly format?: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string>;
  readonly values?: readonly unknown[];
  readonly discriminator?: string;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** One field of a schema as the docs show it. */
export interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly personal: boolean;
}

const bounds = (def: Def): string => {
  let min: unknown;
  let max: unknown;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'greater_than' || c.check === 'min_length') min = c.value ?? c.minimum;
    if (c.check === 'less_than' || c.check === 'max_length') max = c.value ?? c.maximum;
  }
  if (min === undefined && max === undefined) return '';
  return ` ${min ?? ''}..${max ?? ''}`;
};

const typeName = (schema: z.ZodType): string => {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return def.format
        ? def.format
        : (def.checks ?? []).some((c) => c._zod.def.format === 'regex')
          ? 'string (pattern)'
          : `string${bounds(def)}`;
    case 'number': {
      const integer = (def.checks ?? []).some((c) => String(c._zod.def.format ?? '').includes('int'));
      return `${integer ? 'integer' : 'number'}${bounds(def)}`;
    }
    case 'enum':
      if (schema === currencySchema) return 'ISO-4217 currency code';
      return Object.values(def.entries ?? {})
        .map((v) => `\`${v}\``)
        .join(' \\| ');
    case 'literal':
      return (def.values ?? []).map((v) => `\`${String(v)}\``).join(' \\| ');
    case 'array':
      return `array of ${typeName(def.element!)}`;
    case 'object':
      return 'object';
    case 'union':
      return (def.options ?? []).map(typeName).join(' or ');
    case 'optional':
    case 'default':
    case 'nullable':
      return typeName(def.innerType!);
    default:
      return def.type;
  }
};

const unwrap = (schema: z.ZodType): { inner: z.ZodType; required: boolean; personal: boolean } => {
  let current = schema;
  let required = true;
  let personal = isPersonal(current);
  for (;;) {
    const def = defOf(current);
    if (def.type !== 'optional' && def.type !== 'default' && def.type !== 'nullable') break;
    if (def.type !== 'nullable') required = false;
    current = def.innerType!;
    personal ||= isPersonal(current);
  }
  return { inner: current, required, personal };
};

/** The rows of an object schema's fields, nested objects and arrays of objects flattened into dotted paths. */
export const rowsOf = (schema: z.ZodType, prefix: string): Row[] => {
  const def = defOf(schema);
  if (def.type !== 'object') return [];
  const rows: Row[] = [];
  for (const [key, field] of Object.entries(def.shape ?? {})) {
    const { inner, required, personal } = unwrap(field);
    const path = `${prefix}${key}`;
    const innerDef = defOf(inner);
    const element = innerDef.type === 'array' ? unwrap(innerDef.element!) : undefined;
    rows.push({ path, type: typeName(inner), required, personal: personal || (element?.personal ?? false) });
    if (innerDef.type === 'object') rows.push(...rowsOf(inner, `${path}.`));
    if (element && defOf(element.inner).type === 'object') rows.push(...rowsOf(element.inner, `${path}[].`));
  }
  return rows;
};

/** A markdown table of field rows: path, type, required, personal data. */
export const table = (rows: readonly Row[]): string =>
  rows.length === 0
    ? '_no fields_\n'
    : `${[
        '| field | type | required | personal data |',
        '|---|---|---|---|',
        ...rows.map(
          (r) => `| \`${r.path}\` | ${r.type} | ${r.required ? 'yes' : ''} | ${r.personal ? 'yes' : ''} |`,
        ),
      ].join('\n')}\n`;

const render = (definition: EventDefinition): string => {
  const def = defOf(definition.schema);
  const body =
    def.type === 'union'
      ? (def.options ?? [])
          .map((option) => {
            const key = def.discriminator ?? 'kind';
            const field = defOf(option).shape?.[key];
            const literal = field === undefined ? undefined : defOf(field).values?.[0];
            return `When \`${key}\` is \`${String(literal)}\`:\n\n${table(rowsOf(option, ''))}`;
          })
          .join('\n')
      : table(rowsOf(definition.schema, ''));
  return `### ${definition.type}\n\n${definition.description} _(family: ${definition.family}, schema version ${definition.version})_\n\n${body}`;
};

/** Renders the event catalog page (docs/events.md) from the schemas: the catalog is the single source of truth. */
export const renderEventCatalog = (definitions: readonly EventDefinition[]): string => {
  const families = [...new Set(definitions.map((d) => d.family))];
  const sections = families.map(
    (family) =>
      `## ${family[0]!.toUpperCase()}${family.slice(1)}\n\n${definitions
        .filter((d) => d.family === family)
        .map(render)
        .join('\n')}`,
  );
  return `<!-- Generated from the zod schemas in packages/core/src/catalog by \`pnpm docs:events\`. Do not edit by hand. -->

# The touchpoint event catalog

Every touchpoint Rapport records is one of these immutable events. Each event's \`data\` is checked
against its schema when it is appended; unknown fields are rejected. Amounts of money are integer
minor units (cents) of the event's \`currency\`. Fields marked *personal data* identify a person: they
are the fields encrypted per customer and shredded when a customer is forgotten; [security](security.md#what-erasure-covers-field-by-field)
says, field by field, what erasure covers and why the other fields are kept.

Every recorded event also carries the envelope: \`id\` (uuid v7), \`type\`, \`streamId\`, \`streamPosition\`,
\`globalPosition\` (bigint) and \`metadata\` (\`customerId\`, \`occurredAt\`, \`recordedAt\`, \`channel\`,
\`source\`, \`correlationId\`, \`causationId\`, \`actor\`, \`tenantId\`, \`schemaVersion\`, \`idempotencyKey\`).

${sections.join('\n')}`;
};
