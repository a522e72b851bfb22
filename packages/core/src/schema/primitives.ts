import { z } from 'zod';
import { iso4217Codes } from './iso4217Codes';
import { personal } from './personal';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@#/+-]*$/;

/** Identifier of a customer; also the suffix of the customer stream name. */
export const customerIdSchema = z.string().min(1).max(128).regex(SAFE_ID, {
  error: 'must start with a letter or digit and use only letters, digits and _ . : @ # / + -',
});

/** Identifier of a business object (order, invoice, ticket, message thread…). */
export const entityIdSchema = z.string().min(1).max(128).regex(SAFE_ID, {
  error: 'must start with a letter or digit and use only letters, digits and _ . : @ # / + -',
});

/** An amount of money in integer minor units (cents for USD, yen for JPY); never a float. */
export const minorUnitsSchema = z
  .number({ error: 'must be an integer number of minor units (e.g. cents), not a decimal amount' })
  .int({ error: 'must be an integer number of minor units (e.g. cents), not a decimal amount' })
  .min(0, { error: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER);

/** A strictly positive amount of money in integer minor units. */
export const positiveMinorUnitsSchema = minorUnitsSchema.min(1, { error: 'must be greater than zero' });

/**
 * An active ISO-4217 currency code (`iso4217Codes`): `ZZZ` or a typo like `USS` is refused. Typed as a string, so
 * callers need not spell a code as a literal type; checked as an enum, so generators and docs see the list.
 */
export const currencySchema = z.enum(iso4217Codes, {
  error: 'must be an active ISO-4217 currency code such as USD, EUR or JPY',
}) as unknown as z.ZodType<string, string>;

/** A point in time as an ISO-8601 string with `Z` or an offset. */
export const timestampSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time, e.g. 2026-01-31T09:30:00Z',
});

/** A calendar day `YYYY-MM-DD`. */
export const calendarDateSchema = z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' });

/** A recurring day of the year `MM-DD` (a birthday whose year is unknown). */
export const monthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'must be a month and day MM-DD' });

/** A positive whole quantity. */
export const quantitySchema = z
  .number({ error: 'must be a positive integer' })
  .int({ error: 'must be a positive integer' })
  .min(1, { error: 'must be a positive integer' })
  .max(1_000_000);

/** Free text of bounded size. */
export const textSchema = (max = 2000) => z.string().max(max);

/** A short non-empty label (category, sku, tag, campaign id). */
export const labelSchema = z.string().min(1).max(200);

/** The channels a touchpoint can happen on. */
export const channelSchema = z.enum([
  'email',
  'sms',
  'phone',
  'web',
  'store',
  'social',
  'mobile_app',
  'chat',
  'messaging',
  'mail',
  'in_person',
  'back_office',
  'api',
  'other',
]);

/** A person's name parts; all optional so partial names can be recorded. */
export const personNameSchema = z.strictObject({
  title: personal(z.string().max(50), 'demographic').optional(),
  given: personal(z.string().max(200)).optional(),
  middle: personal(z.string().max(200)).optional(),
  family: personal(z.string().max(200)).optional(),
  suffix: personal(z.string().max(50)).optional(),
});

/** An email address with a label and a primary flag. */
export const emailEntrySchema = z.strictObject({
  address: personal(z.email({ error: 'must be an email address' }), 'contact'),
  label: z.enum(['personal', 'work', 'other']).default('personal'),
  primary: z.boolean().default(false),
});

/** A phone number with a label and a primary flag. */
export const phoneEntrySchema = z.strictObject({
  number: personal(
    z.string().regex(/^\+?[0-9][0-9 ().-]{3,30}$/, { error: 'must be a phone number such as +1 555 0100' }),
    'contact',
  ),
  label: z.enum(['mobile', 'home', 'work', 'other']).default('mobile'),
  primary: z.boolean().default(false),
});

/** A postal address. */
export const postalAddressSchema = z.strictObject({
  label: z.enum(['home', 'work', 'billing', 'shipping', 'other']).default('home'),
  lines: z
    .array(personal(z.string().min(1).max(200), 'contact'))
    .min(1)
    .max(4),
  city: personal(z.string().max(100), 'contact').optional(),
  region: personal(z.string().max(100), 'contact').optional(),
  postalCode: personal(z.string().max(20), 'contact').optional(),
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO-3166 alpha-2 country code such as US' }),
});

/** A profile on a social network. */
export const socialProfileSchema = z.strictObject({
  network: labelSchema,
  handle: personal(z.string().min(1).max(200), 'contact'),
  url: personal(z.url(), 'contact').optional(),
});

/** Where a customer came from. */
export const acquisitionSourceSchema = z.strictObject({
  channel: channelSchema,
  campaign: labelSchema.optional(),
  referrer: personal(z.string().max(500), 'free-text').optional(),
  medium: labelSchema.optional(),
});

/** A customer's preferred language, BCP-47. */
export const languageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a BCP-47 language tag such as en or pt-BR' });

/** An IANA time zone name. */
export const timeZoneSchema = z.string().regex(/^([A-Za-z_]+(\/[A-Za-z0-9_+-]+)*|UTC)$/, {
  error: 'must be an IANA time zone such as Europe/Paris',
});

/** A time of day `HH:MM`. */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day HH:MM' });
