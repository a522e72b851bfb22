import { z } from 'zod';
import { OrderRefunded, PurchaseCompleted } from '../catalog/commerce';
import {
  CallLogged,
  LinkClicked,
  MeetingHeld,
  MessageOpened,
  MessageReceived,
  MessageSent,
  NoteAdded,
} from '../catalog/communication';
import { ConsentGranted, ConsentWithdrawn, ContactPreferencesSet } from '../catalog/consent';
import { CreditTermsAgreed, InvoiceIssued, PaymentReceived } from '../catalog/credit';
import { DefectedToCompetitor, ReviewPosted, SocialMentioned, SurveyAnswered } from '../catalog/feedback';
import {
  CustomAttributeSet,
  CustomerForgotten,
  CustomerRegistered,
  contactFieldsSchema,
  PersonalDetailsRecorded,
  TagAdded,
  transferredSchema,
} from '../catalog/identity';
import { CampaignResponded, GiftSent, PromotionRedeemed } from '../catalog/marketing';
import { ComplaintFiled, ComplaintResolved, TicketOpened, TicketResolved } from '../catalog/service';
import { CartAbandoned, SignedUp, SiteVisited } from '../catalog/web';
import type { EventDefinition } from '../registry/defineEvent';
import { customerIdSchema, entityIdSchema, textSchema } from '../schema/primitives';

const id = { customerId: customerIdSchema };
const withId = <TShape extends z.ZodRawShape>(schema: z.ZodObject<TShape>) => schema.extend(id);
const command = <TType extends string, TData extends z.ZodType>(type: TType, data: TData) =>
  z.strictObject({ type: z.literal(type), data });

/** Touchpoints recorded by `RecordTouchpoint`: communication, marketing, service, feedback and web facts. */
export const touchpointFactEvents = [
  MessageSent,
  MessageReceived,
  MessageOpened,
  LinkClicked,
  CallLogged,
  MeetingHeld,
  NoteAdded,
  CampaignResponded,
  PromotionRedeemed,
  GiftSent,
  TicketOpened,
  TicketResolved,
  ComplaintFiled,
  ComplaintResolved,
  ReviewPosted,
  SurveyAnswered,
  SocialMentioned,
  DefectedToCompetitor,
  SiteVisited,
  SignedUp,
  CartAbandoned,
] as const;

const factOf = <TDefinition extends EventDefinition>(definition: TDefinition) =>
  z.strictObject({
    type: z.literal(definition.type as TDefinition['type']),
    data: definition.schema as TDefinition['schema'],
  });

const touchpointFactSchema = z.discriminatedUnion('type', [
  factOf(MessageSent),
  factOf(MessageReceived),
  factOf(MessageOpened),
  factOf(LinkClicked),
  factOf(CallLogged),
  factOf(MeetingHeld),
  factOf(NoteAdded),
  factOf(CampaignResponded),
  factOf(PromotionRedeemed),
  factOf(GiftSent),
  factOf(TicketOpened),
  factOf(TicketResolved),
  factOf(ComplaintFiled),
  factOf(ComplaintResolved),
  factOf(ReviewPosted),
  factOf(SurveyAnswered),
  factOf(SocialMentioned),
  factOf(DefectedToCompetitor),
  factOf(SiteVisited),
  factOf(SignedUp),
  factOf(CartAbandoned),
]);

/**
 * Every command the customer decider accepts from a caller, as one discriminated union schema. The per-stream steps
 * of a merge and an unmerge are not among them: only `merge` and `unmerge` of the customer service run those, with
 * what they read from both streams.
 */
export const customerCommandSchema = z.discriminatedUnion('type', [
  command('RegisterCustomer', withId(CustomerRegistered.schema)),
  command(
    'ChangeContactDetails',
    z.strictObject({ ...id, changes: contactFieldsSchema, reason: z.string().max(500).optional() }),
  ),
  command('RecordPersonalDetails', withId(PersonalDetailsRecorded.schema)),
  command('SetCustomAttribute', withId(CustomAttributeSet.schema)),
  command('AddTag', withId(TagAdded.schema)),
  command('RemoveTag', withId(TagAdded.schema)),
  command('ConvertProspect', z.strictObject({ ...id, orderId: entityIdSchema.optional() })),
  command('RecordPurchase', withId(PurchaseCompleted.schema)),
  command('RecordRefund', withId(OrderRefunded.schema)),
  command('AgreeCreditTerms', withId(CreditTermsAgreed.schema)),
  command('IssueInvoice', withId(InvoiceIssued.schema)),
  command('RecordPayment', withId(PaymentReceived.schema)),
  command('GrantConsent', withId(ConsentGranted.schema)),
  command('WithdrawConsent', withId(ConsentWithdrawn.schema)),
  command('SetContactPreferences', withId(ContactPreferencesSet.schema)),
  command('RecordTouchpoint', z.strictObject({ ...id, event: touchpointFactSchema })),
  command('MergeCustomers', z.strictObject({ ...id, absorbedId: customerIdSchema })),
  command(
    'UnmergeCustomers',
    z.strictObject({ ...id, absorbedId: customerIdSchema, reason: textSchema(500).optional() }),
  ),
  command('ForgetCustomer', withId(CustomerForgotten.schema)),
]);

/**
 * The per-stream steps of a merge and an unmerge, which the customer service runs with what it read from both streams.
 * Internal: a caller who could send them could invent the balances a merge hands over, or close a live record.
 */
export const identityStepSchema = z.discriminatedUnion('type', [
  command(
    'AbsorbCustomer',
    z.strictObject({
      ...id,
      absorbedId: customerIdSchema,
      transferred: transferredSchema,
    }),
  ),
  command('MarkMergedInto', z.strictObject({ ...id, survivorId: customerIdSchema })),
  command(
    'ReleaseCustomer',
    z.strictObject({ ...id, absorbedId: customerIdSchema, reason: textSchema(500).optional() }),
  ),
  command(
    'RestoreCustomer',
    z.strictObject({ ...id, survivorId: customerIdSchema, returned: transferredSchema }),
  ),
]);

/** The names of the identity steps, which no caller may send. */
export const identityStepTypes: ReadonlySet<string> = new Set(
  identityStepSchema.options.map((option) => option.shape.type.value),
);

/** One identity step, as the service builds it. */
export type IdentityStep = z.output<typeof identityStepSchema>;

/** A command addressed to one customer, as the decider sees it (defaults applied). */
export type CustomerCommand = z.output<typeof customerCommandSchema>;

/** A command addressed to one customer, as callers write it (fields with defaults may be left out). */
export type CustomerCommandInput = z.input<typeof customerCommandSchema>;

/** The name of every customer command. */
export type CustomerCommandType = CustomerCommand['type'];

/** A command of one type. */
export type CustomerCommandOf<TType extends CustomerCommandType> = Extract<CustomerCommand, { type: TType }>;

/** A public command or an identity step, of one type. */
export type AnyCommandOf<TType extends (CustomerCommand | IdentityStep)['type']> = Extract<
  CustomerCommand | IdentityStep,
  { type: TType }
>;
