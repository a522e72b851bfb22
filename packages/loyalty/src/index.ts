/**
 * @rapport/loyalty: a points engine over the event log (programs as data, a ledger of lots, tiers, rewards, what-if).
 */
export {};
