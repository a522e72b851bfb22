export type {
  DuplicateCandidate,
  DuplicateIndex,
  MatchKeysSource,
  MatchReason,
} from './duplicates/duplicateCandidates';
export { createDuplicateIndex, duplicateCandidates } from './duplicates/duplicateCandidates';
export type { DuplicatesOptions } from './duplicates/duplicatesProjection';
export {
  createDuplicatesProjection,
  duplicateEventTypes,
  duplicatesProjection,
} from './duplicates/duplicatesProjection';
export type { MatchKeys } from './duplicates/matchKeys';
export type { MatchOptions, ResolvedMatchOptions } from './duplicates/normalise';
export { normaliseEmail, normalisePhone, resolveMatchOptions } from './duplicates/normalise';
export type { CommerceSection, CurrencyTotals, PaymentMethod } from './profile/commerce';
export type { CommunicationSection, SentMessage, UnmatchedReply } from './profile/communication';
export type { ConsentSection, ConsentState } from './profile/consent';
export type { ContactSection, HistoryEntry, PersonalSection, PreferencesSection } from './profile/contact';
export type { CreditSection, OpenInvoice, Overdue } from './profile/credit';
export type {
  AcquisitionSource,
  CustomerProfile,
  ForgetReason,
  IdentitySection,
  LifecycleStage,
} from './profile/customerProfile';
export type { EngagementSection } from './profile/engagement';
export type {
  FeedbackSection,
  ReviewStats,
  ReviewSummary,
  ScoreKind,
  ScoreStats,
  SocialStats,
} from './profile/feedback';
export { erasePersonalData } from './profile/forget';
export { lifecycleStage, nextStageChange } from './profile/lifecycle';
export { mergeProfiles } from './profile/merge';
export type { LifecycleRules, ProfileOptions, ResolvedProfileOptions } from './profile/options';
export { defaultLifecycleRules, resolveProfileOptions } from './profile/options';
export {
  createProfileProjection,
  profileEventTypes,
  profileKeyOf,
  profileProjection,
} from './profile/profileProjection';
export {
  averageOrderValue,
  averageRating,
  averageScore,
  currentTags,
  favouriteCategories,
  hasConsent,
  meanResolutionMs,
  netSpent,
  purchaseFrequencyDays,
  refundShare,
} from './profile/selectors';
export type {
  CaseStats,
  ComplaintState,
  ComplaintStats,
  ServiceSection,
  TicketState,
} from './profile/service';
export type { AttributesSection, TagsSection } from './profile/tags';
export { creditTimer, lifecycleTimer } from './profile/timers';
export type { ProfileAsOfOptions } from './timeTravel/profileAsOf';
export { profileAsOf } from './timeTravel/profileAsOf';
