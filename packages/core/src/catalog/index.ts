import type { EventsOf } from '../registry/defineEvent';
import { commerceEvents } from './commerce';
import { communicationEvents } from './communication';
import { consentEvents } from './consent';
import { creditEvents } from './credit';
import { feedbackEvents } from './feedback';
import { identityEvents } from './identity';
import { loyaltyEvents, loyaltyUpcasters } from './loyalty';
import { marketingEvents } from './marketing';
import { serviceEvents } from './service';
import { webEvents } from './web';

/** Every built-in touchpoint event definition, grouped by family in catalog order. */
export const touchpointEvents = [
  ...identityEvents,
  ...consentEvents,
  ...commerceEvents,
  ...creditEvents,
  ...communicationEvents,
  ...marketingEvents,
  ...serviceEvents,
  ...feedbackEvents,
  ...webEvents,
  ...loyaltyEvents,
] as const;

/** The upcasters that lift stored older versions of built-in events to the versions above. */
export const touchpointUpcasters = [...loyaltyUpcasters] as const;

/** The union of every built-in touchpoint event. */
export type TouchpointEvent = EventsOf<typeof touchpointEvents>;

/** The name of every built-in touchpoint event type. */
export type TouchpointEventType = TouchpointEvent['type'];

/** The data of the built-in event of type `TType`. */
export type TouchpointData<TType extends TouchpointEventType> = Extract<
  TouchpointEvent,
  { type: TType }
>['data'];
