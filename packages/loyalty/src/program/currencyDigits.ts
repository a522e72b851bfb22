// ISO 4217 minor-unit exponents that differ from 2 (List One, 2024); every other code has 2.
const DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Minor units in one major unit of `currency`: 100 for USD, 1 for JPY, 1000 for KWD. */
export const minorPerMajor = (currency: string): bigint => 10n ** BigInt(DIGITS[currency] ?? 2);
