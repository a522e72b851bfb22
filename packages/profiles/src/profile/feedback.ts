import type { TouchpointData } from '@rapport/core';
import { addCounts, type Counts } from '../internal/counts';
import { beats, contentKey, insertNewest, mergeNewest } from '../internal/order';

type Review = TouchpointData<'ReviewPosted'>;
type Sentiment = TouchpointData<'SocialMentioned'>['sentiment'];
type Defection = TouchpointData<'DefectedToCompetitor'>;

/** Scores of one survey kind: how many, their sum (mean = `total / count`), and the latest score and when. */
export interface ScoreStats {
  readonly count: number;
  readonly total: number;
  readonly last: number;
  readonly lastAt: number;
}

/** A review, without its text. */
export interface ReviewSummary {
  readonly at: number;
  readonly rating: number;
  readonly platform: Review['platform'];
  readonly site?: string;
  readonly product?: string;
}

/** Reviews: count, sum of ratings (mean = `ratingTotal / count`), and the most recent few. */
export interface ReviewStats {
  readonly count: number;
  readonly ratingTotal: number;
  readonly recent: readonly ReviewSummary[];
}

/** Social mentions by sentiment, and the latest one's sentiment. */
export interface SocialStats {
  readonly mentions: Counts<Sentiment>;
  readonly last: Sentiment;
  readonly lastAt: number;
}

/** The survey kinds the profile keeps (custom scales are not comparable across surveys, so they are left out). */
export type ScoreKind = 'nps' | 'csat' | 'ces';

/** What the customer told us: survey scores, reviews, social sentiment, and whether they left for a competitor. */
export interface FeedbackSection {
  readonly nps?: ScoreStats;
  readonly csat?: ScoreStats;
  readonly ces?: ScoreStats;
  readonly reviews?: ReviewStats;
  readonly social?: SocialStats;
  /** The latest defection to a competitor. */
  readonly defection?: {
    readonly at: number;
    readonly competitor: string;
    readonly reason: Defection['reason'];
  };
}

const addScore = (stats: ScoreStats | undefined, score: number, at: number): ScoreStats => {
  if (stats === undefined) return { count: 1, total: score, last: score, lastAt: at };
  const latest = beats(at, score, stats.lastAt, stats.last);
  return {
    count: stats.count + 1,
    total: stats.total + score,
    last: latest ? score : stats.last,
    lastAt: latest ? at : stats.lastAt,
  };
};

const mergeScores = (a: ScoreStats | undefined, b: ScoreStats | undefined): ScoreStats | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const latest = beats(b.lastAt, b.last, a.lastAt, a.last) ? b : a;
  return { count: a.count + b.count, total: a.total + b.total, last: latest.last, lastAt: latest.lastAt };
};

/** Records a survey answer at `at`. */
export const addSurvey = (
  section: FeedbackSection | undefined,
  survey: TouchpointData<'SurveyAnswered'>,
  at: number,
): FeedbackSection | undefined => {
  if (survey.kind === 'custom') return section;
  return { ...section, [survey.kind]: addScore(section?.[survey.kind], survey.score, at) };
};

const reviewTime = (review: ReviewSummary) => review.at;

/** Records a review at `at`, keeping the `limit` most recent. */
export const addReview = (
  section: FeedbackSection | undefined,
  { rating, platform, site, product }: Review,
  at: number,
  limit: number,
): FeedbackSection => {
  const summary: ReviewSummary = {
    at,
    rating,
    platform,
    ...(site !== undefined && { site }),
    ...(product !== undefined && { product }),
  };
  const reviews = section?.reviews;
  return {
    ...section,
    reviews: {
      count: (reviews?.count ?? 0) + 1,
      ratingTotal: (reviews?.ratingTotal ?? 0) + rating,
      recent: insertNewest(reviews?.recent, summary, reviewTime, limit),
    },
  };
};

/** Records a social mention at `at`. */
export const addMention = (
  section: FeedbackSection | undefined,
  sentiment: Sentiment,
  at: number,
): FeedbackSection => {
  const social = section?.social;
  const latest = social === undefined || beats(at, sentiment, social.lastAt, social.last);
  return {
    ...section,
    social: {
      mentions: { ...social?.mentions, [sentiment]: (social?.mentions[sentiment] ?? 0) + 1 },
      last: latest ? sentiment : social.last,
      lastAt: latest ? at : social.lastAt,
    },
  };
};

/** Records a defection at `at`; the latest one is kept. */
export const addDefection = (
  section: FeedbackSection | undefined,
  { competitor, reason }: Defection,
  at: number,
): FeedbackSection => {
  const next = { at, competitor, reason };
  const prior = section?.defection;
  if (prior !== undefined && !(at > prior.at || (at === prior.at && contentKey(next) > contentKey(prior)))) {
    return section!;
  }
  return { ...section, defection: next };
};

/** Adds two feedback sections: counts add up, the latest answers win, recent reviews merge. */
export const mergeFeedback = (
  a: FeedbackSection | undefined,
  b: FeedbackSection | undefined,
  limit: number,
): FeedbackSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  let out: FeedbackSection = { ...a };
  for (const kind of ['nps', 'csat', 'ces'] as const) {
    const merged = mergeScores(a[kind], b[kind]);
    if (merged) out = { ...out, [kind]: merged };
  }
  if (b.reviews) {
    const recent = mergeNewest(a.reviews?.recent, b.reviews.recent, reviewTime, limit)!;
    out = {
      ...out,
      reviews: {
        count: (a.reviews?.count ?? 0) + b.reviews.count,
        ratingTotal: (a.reviews?.ratingTotal ?? 0) + b.reviews.ratingTotal,
        recent,
      },
    };
  }
  if (b.social) {
    const latest =
      a.social === undefined || beats(b.social.lastAt, b.social.last, a.social.lastAt, a.social.last);
    const source = latest ? b.social : a.social!;
    out = {
      ...out,
      social: {
        mentions: addCounts(a.social?.mentions, b.social.mentions)!,
        last: source.last,
        lastAt: source.lastAt,
      },
    };
  }
  if (b.defection) out = addDefection(out, b.defection, b.defection.at);
  return out;
};
