import type { z } from 'zod';
import type { EventMetadata } from '../store/envelope';

/** Lifts the data of one event type from `fromVersion` to `fromVersion + 1`. */
export interface Upcaster<TFrom = unknown, TTo = unknown> {
  readonly type: string;
  readonly fromVersion: number;
  /** The schema of the old version; used to validate history imported at that version. */
  readonly schema: z.ZodType<TFrom>;
  readonly up: (data: TFrom, metadata: EventMetadata) => TTo;
}

/** An upcaster of any version pair, as registries hold them. */
export interface AnyUpcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly schema: z.ZodType;
  readonly up: (data: never, metadata: EventMetadata) => unknown;
}

/** Declares an upcaster from one schema version to the next. */
export const defineUpcaster = <TSchema extends z.ZodType, TTo>(upcaster: {
  readonly type: string;
  readonly fromVersion: number;
  readonly schema: TSchema;
  readonly up: (data: z.output<TSchema>, metadata: EventMetadata) => TTo;
}): Upcaster<z.output<TSchema>, TTo> => Object.freeze({ ...upcaster }) as Upcaster<z.output<TSchema>, TTo>;
