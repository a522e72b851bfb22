const DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (`month` 1-12), by the era arithmetic of H. Hinnant's
 * `days_from_civil`: exact for every year, negative ones included.
 */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};

/** The `YYYY-MM-DDT` prefix of a day (days since 1970-01-01), years 0-9999 only: the inverse of `daysFromCivil`. */
const dayPrefixOf = (days: number): string => {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}T`;
};

// the first and last instants whose ISO form has a four-digit year (0000-01-01 and 9999-12-31)
const FIRST_FOUR_DIGIT = -62_167_219_200_000;
const LAST_FOUR_DIGIT = 253_402_300_799_999;

// one cached day: a projection formats many timers on the same day, where only the time of day changes
let dayStart = Number.NaN;
let dayPrefix = '';

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
const pad4 = (n: number) => (n < 1000 ? `0${pad3(n)}` : `${n}`);

/**
 * Formats epoch milliseconds exactly as `Date#toISOString` does, in ~0.1 µs where Node's builtin takes ~0.7 µs:
 * timers are scheduled on every event in some projections, on days that change from one event to the next.
 * The date part is computed (and cached for the next call on the same day); years outside 0-9999 go to the builtin.
 */
export const formatIso = (ms: number): string => {
  let rest = ms - dayStart;
  if (!(rest >= 0 && rest < DAY)) {
    if (!(ms >= FIRST_FOUR_DIGIT && ms <= LAST_FOUR_DIGIT)) return new Date(ms).toISOString();
    const days = Math.floor(ms / DAY);
    dayStart = days * DAY;
    dayPrefix = dayPrefixOf(days);
    rest = ms - dayStart;
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

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/**
 * Parses an ISO-8601 time to epoch milliseconds. The `toISOString` form of a real calendar date is computed
 * (~30 ns; `Date.parse` takes ~220 ns); any other form goes to `Date.parse`, so the answer is always Date.parse's.
 */
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
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hours = digits(text, 11, 2);
  const minutes = digits(text, 14, 2);
  const seconds = digits(text, 17, 2);
  const millis = digits(text, 20, 3);
  // NaN fails every comparison; Date.parse also takes (and rolls over) days past the month's end, and hour 24
  if (
    !(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) ||
    !(hours < 24 && minutes < 60 && seconds < 60 && millis < 1000)
  ) {
    return Date.parse(text);
  }
  return daysFromCivil(year, month, day) * DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
};
