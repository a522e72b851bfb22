import { ERASED, RapportError } from '@rapport/core';

/** How identifiers are normalised before they are compared. */
export interface MatchOptions {
  /**
   * Country calling code (1 to 3 digits, e.g. `'44'`) for phone numbers recorded without one: their trunk
   * prefix is dropped and the code put in front, so `020 7946 0018` and `+44 20 7946 0018` match. Default: none,
   * and national numbers only match national numbers with the same digits.
   */
  readonly defaultCountryCode?: string;
  /** The national trunk prefix dropped before `defaultCountryCode` is added. Default `'0'`; `'1'` for North America. */
  readonly trunkPrefix?: string;
}

/** Options with defaults filled in and checked. */
export interface ResolvedMatchOptions {
  readonly defaultCountryCode: string | undefined;
  readonly trunkPrefix: string;
}

/** Checks match options, naming the bad one. */
export const resolveMatchOptions = (options: MatchOptions = {}): ResolvedMatchOptions => {
  const { defaultCountryCode, trunkPrefix = '0' } = options;
  if (defaultCountryCode !== undefined && !/^[1-9][0-9]{0,2}$/.test(defaultCountryCode)) {
    throw new RapportError(
      'Configuration',
      `match options: defaultCountryCode must be 1 to 3 digits without + (got ${JSON.stringify(defaultCountryCode)})`,
      { data: { path: 'defaultCountryCode' } },
    );
  }
  if (!/^[0-9]{0,2}$/.test(trunkPrefix)) {
    throw new RapportError(
      'Configuration',
      `match options: trunkPrefix must be at most 2 digits (got ${JSON.stringify(trunkPrefix)})`,
      { data: { path: 'trunkPrefix' } },
    );
  }
  return { defaultCountryCode, trunkPrefix };
};

// #region email
/**
 * An email address as compared for duplicates: trimmed, Unicode NFC, lower-cased. Nothing provider-specific is
 * removed (no Gmail dots, no `+tags`). Undefined for anything that is not `local@domain`, erased data included.
 */
export const normaliseEmail = (raw: string): string | undefined => {
  const value = raw.trim().normalize('NFC').toLowerCase();
  const at = value.lastIndexOf('@');
  if (value === ERASED || at < 1 || at === value.length - 1 || /\s/.test(value)) return undefined;
  return value;
};
// #endregion email

// #region phone
/**
 * A phone number as compared for duplicates, E.164-like: `+` and digits when the country is known (written with
 * `+` or `00`, or given by `defaultCountryCode`), else the national digits alone. Undefined when fewer than 7 or
 * more than 15 digits remain (short codes, extensions, erased data).
 */
export const normalisePhone = (raw: string, options: ResolvedMatchOptions): string | undefined => {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[^0-9]/g, '');
  let international: string | undefined;
  if (trimmed.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (options.defaultCountryCode !== undefined) {
    const { trunkPrefix } = options;
    const national =
      trunkPrefix !== '' && digits.startsWith(trunkPrefix) ? digits.slice(trunkPrefix.length) : digits;
    international = options.defaultCountryCode + national;
  }
  const value = international ?? digits;
  if (value.length < 7 || value.length > 15) return undefined;
  return international === undefined ? value : `+${value}`;
};
// #endregion phone
