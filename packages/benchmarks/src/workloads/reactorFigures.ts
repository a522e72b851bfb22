import type { Measurement } from '../harness/types';

/** What a reactor workload measured: the plain projection, the reactor with every effect new, and its replay. */
export interface ReactorRates {
  readonly plain: number;
  readonly emit: number;
  readonly replay: number;
}

/** The two figures of a reactor workload, each against the plain projection as its "floor". */
export const reactorFigures = (
  id: string,
  label: string,
  rates: ReactorRates,
  limits: { readonly emit: string; readonly replay: string },
  clock: string,
): Measurement[] => {
  const notes = `${clock}; the "floor" is the same fold as a plain projection.`;
  return [
    {
      id: `${id}-emit`,
      label: `${label}, every effect new (floor: the plain profile projection)`,
      unit: 'events/s',
      better: 'higher',
      rapport: rates.emit,
      floor: rates.plain,
      targets: [{ kind: 'ratioFloor', atLeast: 0.5 }],
      limit: limits.emit,
      notes,
    },
    {
      id: `${id}-replay`,
      label: `${label}, a new version replaying: every effect already in the outbox (floor: the plain projection)`,
      unit: 'events/s',
      better: 'higher',
      rapport: rates.replay,
      floor: rates.plain,
      targets: [{ kind: 'ratioFloor', atLeast: 0.8 }],
      limit: limits.replay,
      notes,
    },
  ];
};
