/** Milliseconds in a day. */
export const dayMs = 86_400_000;

/** 00:00 UTC of a calendar day `YYYY-MM-DD`, in epoch milliseconds. */
export const startOfDay = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);

/** The first instant after `date` has ended (00:00 UTC of the next day): when an invoice due that day becomes overdue. */
export const endOfDay = (date: string): number => startOfDay(date) + dayMs;

/** 00:00 UTC of the day after the instant `at`. */
export const nextMidnight = (at: number): number => Math.floor(at / dayMs) * dayMs + dayMs;
