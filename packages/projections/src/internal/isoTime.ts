const DAY = 86_400_000;

// one cached day per direction: a projection typically parses an event's day and formats a timer's later day
let dayStart = Number.NaN;
let dayPrefix = '';
let parsedDayStart = Number.NaN;
let parsedDayPrefix = '';

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * Formats epoch milliseconds exactly as `Date#toISOString` does, but reuses the date part of the last day formatted
 * (Node's builtin costs ~0.7 µs; this ~0.1 µs): timers are scheduled on every event in some projections.
 */
export const formatIso = (ms: number): string => {
  let rest = ms - dayStart;
  if (!(rest >= 0 && rest < DAY)) {
    const iso = new Date(ms).toISOString();
    if (iso.length !== 24) return iso;
    dayStart = ms - (((ms % DAY) + DAY) % DAY);
    dayPrefix = iso.slice(0, 11);
    return iso;
  }
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${dayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}Z`;
};

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const digits = (text: string, at: number, count: number) => {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const d = digit(text, at + i);
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
};

/** Parses an ISO-8601 time to epoch milliseconds; the `toISOString` form takes a fast path, any other goes to Date. */
export const parseIso = (text: string): number => {
  if (
    text.length !== 24 ||
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== 'T' ||
    text[13] !== ':' ||
    text[16] !== ':' ||
    text[19] !== '.' ||
    text[23] !== 'Z'
  ) {
    return Date.parse(text);
  }
  const hours = digits(text, 11, 2);
  const minutes = digits(text, 14, 2);
  const seconds = digits(text, 17, 2);
  const millis = digits(text, 20, 3);
  if (!(hours < 24 && minutes < 60 && seconds < 60 && millis < 1000)) return Date.parse(text);
  const time = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  if (parsedDayPrefix.length === 11 && text.startsWith(parsedDayPrefix)) return parsedDayStart + time;
  const ms = Date.parse(text);
  if (!Number.isNaN(ms)) {
    parsedDayStart = ms - time;
    parsedDayPrefix = text.slice(0, 11);
  }
  return ms;
};
