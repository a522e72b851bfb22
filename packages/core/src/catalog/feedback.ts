import { z } from 'zod';
import { defineEvent } from '../registry/defineEvent';
import { personal } from '../schema/personal';
import { entityIdSchema, labelSchema, textSchema } from '../schema/primitives';

const intIn = (min: number, max: number) => z.number().int().min(min).max(max);

/** A per-dimension score, SERVQUAL-style: what the customer expected and what they perceived. */
export const surveyDimensionSchema = z.strictObject({
  name: labelSchema,
  expectation: intIn(1, 7).optional(),
  perception: intIn(1, 7).optional(),
});

const surveyBase = {
  surveyId: entityIdSchema,
  dimensions: z.array(surveyDimensionSchema).max(50).optional(),
  comment: personal(textSchema(5000), 'free-text').optional(),
};

export const ReviewPosted = defineEvent({
  type: 'ReviewPosted',
  family: 'feedback',
  version: 1,
  description: 'The customer posted a review with a rating from 1 to 5.',
  schema: z.strictObject({
    reviewId: entityIdSchema,
    rating: intIn(1, 5),
    platform: z.enum(['own_site', 'rating_site', 'social']),
    site: labelSchema.optional(),
    product: labelSchema.optional(),
    text: personal(textSchema(10_000), 'free-text').optional(),
  }),
});

export const SurveyAnswered = defineEvent({
  type: 'SurveyAnswered',
  family: 'feedback',
  version: 1,
  description: 'The customer answered a survey: NPS (0-10), CSAT (1-5), CES (1-7) or a custom scale.',
  schema: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('nps'), score: intIn(0, 10), ...surveyBase }),
    z.strictObject({ kind: z.literal('csat'), score: intIn(1, 5), ...surveyBase }),
    z.strictObject({ kind: z.literal('ces'), score: intIn(1, 7), ...surveyBase }),
    z.strictObject({
      kind: z.literal('custom'),
      score: z.number().min(-1e6).max(1e6),
      scale: labelSchema,
      ...surveyBase,
    }),
  ]),
});

export const SocialMentioned = defineEvent({
  type: 'SocialMentioned',
  family: 'feedback',
  version: 1,
  description: 'The customer mentioned the business on a social platform.',
  schema: z.strictObject({
    platform: labelSchema,
    sentiment: z.enum(['positive', 'neutral', 'negative']),
    url: personal(z.url(), 'identifier').optional(),
    text: personal(textSchema(5000), 'free-text').optional(),
  }),
});

export const DefectedToCompetitor = defineEvent({
  type: 'DefectedToCompetitor',
  family: 'feedback',
  version: 1,
  description: 'The customer left for a competitor, and why.',
  schema: z.strictObject({
    competitor: labelSchema,
    reason: z.enum(['price', 'service', 'product', 'other']),
    note: personal(textSchema(2000), 'free-text').optional(),
  }),
});

export const feedbackEvents = [ReviewPosted, SurveyAnswered, SocialMentioned, DefectedToCompetitor] as const;
