import type { z } from 'zod';
import { RapportError } from '../errors/rapportError';
import type { ValidationIssue } from '../errors/validationError';
import { compiledParser } from '../schema/compiledParser';
import type { ParseResult } from '../schema/parse';
import type { RecordedEvent } from '../store/envelope';
import type { EventDefinition } from './defineEvent';
import type { AnyUpcaster } from './upcaster';

/** Maps event type names to their definitions and lifts stored events of older versions to the current one. */
export interface EventRegistry {
  /** The definition of `type`, or undefined for a type this registry does not know. */
  get(type: string): EventDefinition | undefined;
  has(type: string): boolean;
  /** Every registered definition, in registration order. */
  readonly definitions: readonly EventDefinition[];
  /** Validates an event's data against its schema (or an older version's schema when `version` is given). */
  validate(type: string, data: unknown, version?: number): ParseResult<unknown>;
  /** The data schema of `type` at `version` (default: current); undefined for unknown types or versions. */
  schemaOf(type: string, version?: number): z.ZodType | undefined;
  /** Lifts a recorded event to the current version of its type; unknown types and current events pass through unchanged. */
  upcast<TEvent extends RecordedEvent>(event: TEvent): TEvent;
  /** True when some stored version of some type needs lifting (lets stores skip the upcast step entirely). */
  readonly hasUpcasters: boolean;
}

/** Options for a registry: the upcasters for older versions of the registered types. */
export interface EventRegistryOptions {
  readonly upcasters?: readonly AnyUpcaster[];
}

const unknownType = (type: string): ValidationIssue => ({
  path: 'type',
  rule: 'is not a registered event type; add its definition to the event registry',
  got: JSON.stringify(type),
});

/** Builds a registry from definitions. Throws a Configuration error on a duplicate type or a gap in an upcaster chain. */
export const createEventRegistry = (
  definitions: readonly EventDefinition[],
  options: EventRegistryOptions = {},
): EventRegistry => {
  const byType = new Map<string, EventDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) {
      throw new RapportError('Configuration', `event type ${definition.type} is registered twice`);
    }
    byType.set(definition.type, definition);
  }
  const chains = new Map<string, Map<number, AnyUpcaster>>();
  for (const upcaster of options.upcasters ?? []) {
    const definition = byType.get(upcaster.type);
    if (!definition) {
      throw new RapportError('Configuration', `upcaster for unknown event type ${upcaster.type}`);
    }
    if (upcaster.fromVersion < 1 || upcaster.fromVersion >= definition.version) {
      throw new RapportError(
        'Configuration',
        `upcaster ${upcaster.type} v${upcaster.fromVersion}: must lift a version below the current v${definition.version}`,
      );
    }
    const chain = chains.get(upcaster.type) ?? new Map<number, AnyUpcaster>();
    if (chain.has(upcaster.fromVersion)) {
      throw new RapportError('Configuration', `two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
    }
    chain.set(upcaster.fromVersion, upcaster);
    chains.set(upcaster.type, chain);
  }
  for (const [type, chain] of chains) {
    const current = byType.get(type)!.version;
    const lowest = Math.min(...chain.keys());
    for (let v = lowest; v < current; v++) {
      if (!chain.has(v))
        throw new RapportError('Configuration', `upcaster chain for ${type} has no step from v${v}`);
    }
  }

  // a parser per schema, each compiled on its first use
  const current = new Map([...byType].map(([type, d]) => [type, compiledParser(d.schema, 'data')] as const));
  const older = new Map(
    [...chains.values()].flatMap((chain) =>
      [...chain.values()].map((u) => [u, compiledParser(u.schema, 'data')] as const),
    ),
  );

  const validate = (type: string, data: unknown, version?: number): ParseResult<unknown> => {
    if (version === undefined) {
      const parse = current.get(type);
      if (parse !== undefined) return parse(data);
    }
    const definition = byType.get(type);
    if (!definition) return { success: false, issues: [unknownType(type)] };
    if (version === undefined || version === definition.version) return current.get(type)!(data);
    const old = chains.get(type)?.get(version);
    if (!old) {
      return {
        success: false,
        issues: [
          { path: 'metadata.schemaVersion', rule: `has no upcaster for ${type}`, got: String(version) },
        ],
      };
    }
    return older.get(old)!(data);
  };

  const upcast = <TEvent extends RecordedEvent>(event: TEvent): TEvent => {
    const definition = byType.get(event.type);
    if (!definition || event.metadata.schemaVersion >= definition.version) return event;
    const chain = chains.get(event.type);
    let data = event.data;
    let version = event.metadata.schemaVersion;
    while (version < definition.version) {
      const step = chain?.get(version);
      if (!step) return event; // no chain registered for this old version: readers see it as stored
      data = step.up(data as never, event.metadata);
      version++;
    }
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  };

  const schemaOf = (type: string, version?: number): z.ZodType | undefined => {
    const definition = byType.get(type);
    if (!definition) return undefined;
    if (version === undefined || version === definition.version) return definition.schema;
    return chains.get(type)?.get(version)?.schema;
  };

  return {
    get: (type) => byType.get(type),
    schemaOf,
    has: (type) => byType.has(type),
    definitions: [...byType.values()],
    validate,
    upcast,
    hasUpcasters: chains.size > 0,
  };
};
