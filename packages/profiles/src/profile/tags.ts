import type { TouchpointData } from '@rapport/core';
import { ownValue } from '@rapport/core';
import { beats } from '../internal/order';

/** Tags on the customer: `current` maps each tag to when it was put on; `removed` remembers removals so a late add cannot resurrect a tag. */
export interface TagsSection {
  readonly current?: Readonly<Record<string, number>>;
  readonly removed?: Readonly<Record<string, number>>;
}

/** Business-defined attributes (a `null` value means cleared) and when each was last set. */
export interface AttributesSection {
  readonly values: Readonly<Record<string, string | number | boolean | null>>;
  readonly changedAt: Readonly<Record<string, number>>;
}

type Flags = Readonly<Record<string, number>> | undefined;

const without = (record: Flags, key: string): Flags => {
  if (record === undefined || !Object.hasOwn(record, key)) return record;
  const { [key]: _dropped, ...rest } = record;
  return Object.keys(rest).length === 0 ? undefined : rest;
};

const put = (section: TagsSection, tag: string, added: boolean, at: number): TagsSection => {
  const on = added ? { ...section.current, [tag]: at } : without(section.current, tag);
  const off = added ? without(section.removed, tag) : { ...section.removed, [tag]: at };
  return { ...(on && { current: on }), ...(off && { removed: off }) };
};

/**
 * Puts a tag on (`added`) or takes it off at time `at`. Per tag the later change wins; a removal wins a tie,
 * so the outcome is the same in any order.
 */
export const writeTag = (
  section: TagsSection | undefined,
  tag: string,
  added: boolean,
  at: number,
): TagsSection | undefined => {
  const current = section ?? {};
  const onAt = ownValue(current.current, tag);
  const lastAt = onAt ?? ownValue(current.removed, tag);
  const applies = lastAt === undefined || at > lastAt || (!added && at === lastAt && onAt !== undefined);
  return applies ? put(current, tag, added, at) : section;
};

/** Merges two tag sections tag by tag. */
export const mergeTags = (
  a: TagsSection | undefined,
  b: TagsSection | undefined,
): TagsSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  let out: TagsSection | undefined = a;
  for (const [tag, at] of Object.entries(b.current ?? {})) out = writeTag(out, tag, true, at);
  for (const [tag, at] of Object.entries(b.removed ?? {})) out = writeTag(out, tag, false, at);
  return out;
};

/** Sets one attribute at time `at`; per key the later write wins (ties: the larger value). */
export const writeAttribute = (
  section: AttributesSection | undefined,
  { key, value }: TouchpointData<'CustomAttributeSet'>,
  at: number,
): AttributesSection | undefined => {
  if (
    section !== undefined &&
    !beats(at, value, ownValue(section.changedAt, key), ownValue(section.values, key))
  )
    return section;
  return {
    values: { ...section?.values, [key]: value },
    changedAt: { ...section?.changedAt, [key]: at },
  };
};

/** Merges two attribute sections key by key. */
export const mergeAttributes = (
  a: AttributesSection | undefined,
  b: AttributesSection | undefined,
): AttributesSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  let out: AttributesSection | undefined = a;
  for (const [key, at] of Object.entries(b.changedAt)) {
    out = writeAttribute(out, { key, value: ownValue(b.values, key) ?? null }, at);
  }
  return out;
};
