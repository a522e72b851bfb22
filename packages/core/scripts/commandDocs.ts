import type { z } from 'zod';
import { type CommandReferenceEntry, customerCommandReference } from '../src/customer/commandReference';
import { customerCommandSchema, identityStepTypes } from '../src/customer/commands';
import { type Row, rowsOf, table } from './catalogDocs';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const anchor = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const eventLink = (type: string) => `[\`${type}\`](events.md#${anchor(type)})`;

/** The type and data schema of each command in the union, in the schema's order. */
const commandsOf = (schema: z.ZodType) =>
  (defOf(schema).options ?? []).map((option) => {
    const shape = defOf(option).shape ?? {};
    return { type: String(defOf(shape.type!).values?.[0]), data: shape.data! };
  });

/** A field holding a discriminated union of `{ type, data }` facts reads as a pointer to the list of its types. */
const rowsOfData = (data: z.ZodType): Row[] => {
  const rows = rowsOf(data, '').map((row) => {
    const field = defOf(data).shape?.[row.path];
    const def = field === undefined ? undefined : defOf(field);
    return def?.type === 'union' && def.discriminator !== undefined
      ? {
          ...row,
          type: `\`{ ${def.discriminator}, data }\` of an event type it records, with that event's data`,
        }
      : row;
  });
  // the record a command addresses comes first, then the fields of what it records
  return [
    ...rows.filter((row) => row.path === 'customerId'),
    ...rows.filter((row) => row.path !== 'customerId'),
  ];
};

const recordsSummary = (entry: CommandReferenceEntry) =>
  entry.records.length === 0
    ? 'nothing on its own'
    : entry.records.length > 4
      ? `one of ${entry.records.length} touchpoint facts`
      : entry.records.map(eventLink).join(', ');

const section = (type: string, data: z.ZodType, entry: CommandReferenceEntry): string => {
  const records =
    entry.records.length === 0
      ? 'Records nothing on one stream.'
      : `Records ${entry.records.map(eventLink).join(', ')}.`;
  const active = entry.activeRecord ? ' Needs an active record.' : '';
  const refusals =
    entry.refusals.length === 0
      ? 'Refused by no rule of its own beyond its schema.\n'
      : `Refused, beyond its schema:\n\n${entry.refusals.map((r) => `- \`${r.code}\` when ${r.when}.`).join('\n')}\n`;
  return `## ${type}\n\n${entry.summary}\n\n${records}${active}\n\nFields of \`data\`:\n\n${table(rowsOfData(data))}\n${refusals}`;
};

/**
 * Renders the customer command reference (docs/commands.md) from the command schemas and the reference entries:
 * every command's fields, what it records, and the rules that refuse it.
 */
export const renderCommandReference = (
  schema: z.ZodType = customerCommandSchema,
  reference: Readonly<Record<string, CommandReferenceEntry>> = customerCommandReference,
  internalSteps: ReadonlySet<string> = identityStepTypes,
): string => {
  const commands = commandsOf(schema);
  const entryOf = (type: string) => {
    const entry = reference[type];
    if (entry === undefined) throw new Error(`the command reference has no entry for ${type}`);
    return entry;
  };
  const index = commands
    .map(({ type }) => {
      const entry = entryOf(type);
      return `| [\`${type}\`](#${anchor(type)}) | ${recordsSummary(entry)} | ${entry.activeRecord ? 'yes' : ''} |`;
    })
    .join('\n');
  const steps = [...internalSteps].map((step) => `\`${step}\``).join(', ');
  return `<!-- Generated from the command schemas (packages/core/src/customer/commands.ts) and the reference (packages/core/src/customer/commandReference.ts) by \`pnpm docs:commands\`. Do not edit by hand. -->

# Customer commands

Every command the customer decider accepts (${commands.length} of them), as \`{ type, data }\`. Send one with
\`customers.execute(command, options)\` (or \`handleCommand(store, customerDecider, command, { streamId })\`);
\`data.customerId\` names the record, and \`options\` carry an \`idempotencyKey\` and the metadata stamped on what it
records (\`occurredAt\`, \`channel\`, \`actor\`…). A command's \`data\` is checked against its schema first: a bad or
unknown field is refused with a \`Validation\` error that names it
(\`RecordPurchase.data.lines[2].quantity: must be a positive integer (got -1)\`). A refused command records nothing.
The codes are those of \`RapportError\` ([core](core.md)); amounts are integer minor units of their currency, an
active ISO-4217 code.

A command that needs an *active record* is refused \`NotFound\` for a customer id never registered, and
\`IllegalState\` for a record merged into another (address the survivor) or forgotten.

| command | records | active record |
|---|---|---|
${index}

${commands.map(({ type, data }) => section(type, data, entryOf(type))).join('\n')}
## Not commands: the steps of a merge and an unmerge

${steps} are the steps \`merge\` and \`unmerge\` take on each record, with the balances they read from both. They
are not commands: sent to \`execute\` or to the decider, each is refused with an \`IllegalState\` error that names it
and the operation to call instead.
`;
};
