import type { RecordedEvent, TouchpointData } from '@rapport/core';
import { insertNewest, mergeNewest } from '../internal/order';
import { type Stamped, writeFields } from '../internal/stamped';

type ContactFields = TouchpointData<'ContactDetailsChanged'>['changes'];
type Preferences = TouchpointData<'ContactPreferencesSet'>;
type Personal = TouchpointData<'PersonalDetailsRecorded'>;

/** Who the customer is and how to reach them: the current value of each contact field and when it last changed. */
export type ContactSection = Stamped &
  Pick<
    ContactFields,
    'name' | 'company' | 'jobTitle' | 'emails' | 'phones' | 'addresses' | 'website' | 'socialProfiles'
  >;

/** How the customer likes to be contacted: language, time zone, preferred channel, quiet hours, frequency, topics. */
export type PreferencesSection = Stamped &
  Pick<ContactFields, 'language'> &
  Pick<Preferences, 'timeZone' | 'preferredChannel' | 'quietHours' | 'maxMessagesPerWeek' | 'topics'>;

/** What the business knows about the customer's life: birthday, anniversary, family, hobbies, memberships. */
export type PersonalSection = Stamped & Personal;

/** One change to the customer record: when, which fields, by whom (`metadata.actor`) and through what (`metadata.source`). */
export interface HistoryEntry {
  /** Event time, epoch ms. */
  readonly at: number;
  readonly fields: readonly string[];
  readonly by?: string;
  readonly via?: string;
}

/** The contact fields a registration or contact change may set. */
export const contactFieldNames = [
  'name',
  'company',
  'jobTitle',
  'emails',
  'phones',
  'addresses',
  'website',
  'socialProfiles',
] as const;

/** The preference fields a registration, contact change or preferences event may set. */
export const preferenceFieldNames = [
  'language',
  'timeZone',
  'preferredChannel',
  'quietHours',
  'maxMessagesPerWeek',
  'topics',
] as const;

/** The personal details fields. */
export const personalFieldNames = [
  'birthday',
  'anniversary',
  'familyMembers',
  'hobbies',
  'memberships',
] as const;

/** Writes the contact fields present in `source` at time `at` (last writer wins per field). */
export const writeContact = (
  section: ContactSection | undefined,
  source: Readonly<Record<string, unknown>>,
  at: number,
): ContactSection | undefined => writeFields(section, source, contactFieldNames, at);

/** Writes the preference fields present in `source` at time `at` (last writer wins per field). */
export const writePreferences = (
  section: PreferencesSection | undefined,
  source: Readonly<Record<string, unknown>>,
  at: number,
): PreferencesSection | undefined => writeFields(section, source, preferenceFieldNames, at);

/** Writes personal details at time `at` (last writer wins per field). */
export const writePersonal = (
  section: PersonalSection | undefined,
  source: Personal,
  at: number,
): PersonalSection | undefined => writeFields(section, source, personalFieldNames, at);

const byTime = (entry: HistoryEntry) => entry.at;

/** Adds a change to the bounded, newest-first history. */
export const recordChange = (
  history: readonly HistoryEntry[] | undefined,
  fields: readonly string[],
  event: RecordedEvent,
  at: number,
  limit: number,
): readonly HistoryEntry[] => {
  const { actor, source } = event.metadata;
  const entry: HistoryEntry = {
    at,
    fields: [...fields].sort(),
    ...(actor === undefined ? {} : { by: actor }),
    ...(source === undefined ? {} : { via: source }),
  };
  return insertNewest(history, entry, byTime, limit);
};

/** Merges two histories, keeping the newest `limit` entries. */
export const mergeHistory = (
  a: readonly HistoryEntry[] | undefined,
  b: readonly HistoryEntry[] | undefined,
  limit: number,
): readonly HistoryEntry[] | undefined => mergeNewest(a, b, byTime, limit);
