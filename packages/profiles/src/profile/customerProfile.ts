import type { TouchpointData } from '@rapport/core';
import type { CommerceSection } from './commerce';
import type { CommunicationSection } from './communication';
import type { ConsentSection } from './consent';
import type { ContactSection, HistoryEntry, PersonalSection, PreferencesSection } from './contact';
import type { CreditSection } from './credit';
import type { EngagementSection } from './engagement';
import type { FeedbackSection } from './feedback';
import type { ServiceSection } from './service';
import type { AttributesSection, TagsSection } from './tags';

/** Where the customer stands in their relationship with the business (rules in docs/profiles.md). */
export type LifecycleStage =
  | 'prospect'
  | 'new'
  | 'repeat'
  | 'loyal'
  | 'atRisk'
  | 'lapsed'
  | 'wonBack'
  | 'defected';

/** Where a customer came from. */
export type AcquisitionSource = NonNullable<TouchpointData<'CustomerRegistered'>['acquisition']>;

/** Why a customer's personal data was erased. */
export type ForgetReason = TouchpointData<'CustomerForgotten'>['reason'];

/**
 * The customer 360° profile: one JSON document per customer. Every time is event time in epoch milliseconds
 * (`new Date(t)` reads it); money is integer minor units per currency; sections the customer has no data for
 * are absent rather than empty.
 */
export interface CustomerProfile {
  /** The event time the profile reflects: the latest event or timer folded into it. */
  readonly asOf: number;
  readonly stage: LifecycleStage;
  /** The earliest registration (of this record or any it absorbed). */
  readonly registeredAt?: number;
  /** When the customer first became a customer: registered as one, converted, or first bought. */
  readonly customerSince?: number;
  /** The acquisition source of the earliest registration. */
  readonly acquisition?: AcquisitionSource;
  readonly contact?: ContactSection;
  readonly preferences?: PreferencesSection;
  readonly personal?: PersonalSection;
  /** The latest contact, personal and attribute changes, newest first. */
  readonly history?: readonly HistoryEntry[];
  readonly tags?: TagsSection;
  readonly attributes?: AttributesSection;
  readonly consent?: ConsentSection;
  readonly commerce?: CommerceSection;
  readonly credit?: CreditSection;
  readonly communication?: CommunicationSection;
  readonly service?: ServiceSection;
  readonly feedback?: FeedbackSection;
  readonly engagement?: EngagementSection;
  /** Ids of the records this one absorbed by merges, sorted. */
  readonly absorbed?: readonly string[];
  /** Set on an absorbed record between its closing and the survivor's merge (the merge then removes it). */
  readonly mergedInto?: string;
  /** Personal data erased: contact, personal details, attributes and tags are gone and stay gone, here and in `identity`. */
  readonly forgotten?: { readonly at: number; readonly reason: ForgetReason };
  /** Only while this record holds records it absorbed: what an unmerge needs to split them again. */
  readonly identity?: IdentitySection;
}

/**
 * The bookkeeping that makes a merge reversible, present while this record holds absorbed records: the displayed
 * profile is what `own` and every part make together. An unmerge gives a part its own document back.
 */
export interface IdentitySection {
  /** This record's own events alone, as if it had absorbed nothing (folded without timers: as of its latest event). */
  readonly own?: CustomerProfile;
  /** Each absorbed record as it would stand alone: its profile when absorbed, plus the events addressed to it since. */
  readonly parts?: Readonly<Record<string, CustomerProfile>>;
}

/** A profile under construction inside the projection: a fresh shallow copy we may assign to before returning it. */
export type DraftProfile = { -readonly [K in keyof CustomerProfile]: CustomerProfile[K] };
