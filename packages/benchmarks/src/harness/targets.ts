import type { Measurement, Target } from './types';

/** Rapport's figure over another's, or undefined when there is no other. */
export const ratio = (rapport: number, other: number | undefined): number | undefined =>
  other === undefined || other === 0 || !Number.isFinite(other) ? undefined : rapport / other;

/** The target in words, as the table prints it. */
export const describeTarget = (target: Target, unit: string): string => {
  switch (target.kind) {
    case 'ratioFloor':
      return `≥ ${target.atLeast * 100}% of floor`;
    case 'ratioPeer':
      return `≥ ${target.atLeast}× peer`;
    case 'atLeast':
      return `≥ ${format(target.value)} ${unit}${target.why === undefined ? '' : ` (${target.why})`}`;
    case 'atMost':
      return `≤ ${format(target.value)} ${unit}`;
    case 'equals':
      return `= ${format(target.value)}`;
  }
};

/** Whether one target is met. */
export const meets = (measurement: Measurement, target: Target): boolean => {
  const { rapport, floor, peer } = measurement;
  switch (target.kind) {
    case 'ratioFloor':
      return (ratio(rapport, floor) ?? 0) >= target.atLeast;
    case 'ratioPeer':
      return (ratio(rapport, peer) ?? 0) >= target.atLeast;
    case 'atLeast':
      return rapport >= target.value;
    case 'atMost':
      return rapport <= target.value;
    case 'equals':
      return rapport === target.value;
  }
};

/**
 * What a peer target asked for, in terms of the floor: how far the floor itself ran ahead of the peer in this run,
 * and so the share of the floor Rapport needed. A peer target above the floor's own lead (needing more than 100% of
 * the floor) cannot be met by anything that does the floor's work. Undefined without a floor, a peer or a peer target.
 */
export const peerTargetAsFloor = (
  measurement: Measurement,
):
  | { readonly atLeast: number; readonly floorOverPeer: number; readonly neededOfFloor: number }
  | undefined => {
  const target = measurement.targets?.find((t) => t.kind === 'ratioPeer');
  if (target === undefined || measurement.floor === undefined) return undefined;
  const floorOverPeer = ratio(measurement.floor, measurement.peer);
  if (floorOverPeer === undefined || floorOverPeer <= 0) return undefined;
  return { atLeast: target.atLeast, floorOverPeer, neededOfFloor: target.atLeast / floorOverPeer };
};

/** Whether every target of a measurement is met; undefined when it has none. */
export const allMet = (measurement: Measurement): boolean | undefined =>
  measurement.targets === undefined || measurement.targets.length === 0
    ? undefined
    : measurement.targets.every((target) => meets(measurement, target));

/** A figure in a few significant digits, with thousands separators. */
export const format = (value: number | undefined): string => {
  if (value === undefined || Number.isNaN(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(2);
};
