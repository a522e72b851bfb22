import { type CustomerProfile, netSpent, purchaseFrequencyDays } from '@rapport/profiles';

const usd = (cents: number) =>
  `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const day = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString().slice(0, 10));

/** Counts profiles per lifecycle stage, in a fixed order. */
export const stageCounts = (profiles: Iterable<CustomerProfile>): string => {
  const counts = new Map<string, number>();
  for (const profile of profiles) counts.set(profile.stage, (counts.get(profile.stage) ?? 0) + 1);
  return ['new', 'repeat', 'loyal', 'atRisk', 'lapsed', 'wonBack', 'defected', 'prospect']
    .filter((stage) => counts.has(stage))
    .map((stage) => `${stage} ${counts.get(stage)}`)
    .join(', ');
};

/** One line per customer: id, stage, orders, net spend, first and last purchase, mean days between purchases. */
export const profileLine = (id: string, p: CustomerProfile): string => {
  const frequency = purchaseFrequencyDays(p);
  return `  ${id}  ${p.stage.padEnd(8)} ${String(p.commerce?.orders ?? 0).padStart(3)} orders  ${usd(netSpent(p, 'USD')).padStart(10)}  first ${day(p.commerce?.firstPurchaseAt)}  last ${day(p.commerce?.lastPurchaseAt)}  every ${frequency === undefined ? '-' : `${Math.round(frequency)} days`}`;
};
