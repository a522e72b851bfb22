import type { Machine } from './machine';
import { allMet, describeTarget, format, meets, peerTargetAsFloor, ratio } from './targets';
import type { Measurement } from './types';

/** One workload id's figures, as `results/latest.json` holds them. */
export interface ResultEntry {
  readonly rapport: number;
  readonly floor?: number;
  readonly peer?: number;
  readonly unit: string;
  readonly ratioFloor?: number;
  readonly ratioPeer?: number;
}

/** What a run produced: the machine, every measurement, and how long it took. */
export interface Report {
  readonly machine: Machine;
  readonly quick: boolean;
  readonly runs: number;
  readonly measurements: readonly Measurement[];
  readonly seconds: number;
}

const round = (value: number): number => Number(value.toPrecision(6));

/** The `results/latest.json` document: `{ machine, results: { id: { rapport, floor?, peer?, unit, ratios? } } }`. */
export const resultsJson = (report: Report) => ({
  machine: report.machine,
  results: Object.fromEntries(
    report.measurements.map((m): [string, ResultEntry] => {
      const ratioFloor = ratio(m.rapport, m.floor);
      const ratioPeer = ratio(m.rapport, m.peer);
      return [
        m.id,
        {
          rapport: round(m.rapport),
          ...(m.floor === undefined ? {} : { floor: round(m.floor) }),
          ...(m.peer === undefined ? {} : { peer: round(m.peer) }),
          unit: m.unit,
          ...(ratioFloor === undefined ? {} : { ratioFloor: round(ratioFloor) }),
          ...(ratioPeer === undefined ? {} : { ratioPeer: round(ratioPeer) }),
        },
      ];
    }),
  ),
});

const times = (value: number | undefined) => (value === undefined ? '–' : `${format(value)}×`);

const verdict = (m: Measurement) => {
  const met = allMet(m);
  return met === undefined ? '' : met ? 'met' : 'MISSED';
};

/** The targets in words; with several, each says whether it was met. */
const targetText = (m: Measurement) => {
  const targets = m.targets ?? [];
  return targets
    .map(
      (t) =>
        `${describeTarget(t, m.unit)}${targets.length > 1 ? (meets(m, t) ? ' (met)' : ' (missed)') : ''}`,
    )
    .join('; ');
};

/** For each figure with a floor and a peer target: what that target asked for in terms of the floor, in this run. */
export const peerTargetLines = (measurements: readonly Measurement[]): string[] =>
  measurements.flatMap((m) => {
    const asked = peerTargetAsFloor(m);
    if (asked === undefined) return [];
    const reached = ratio(m.rapport, m.floor) ?? 0;
    return [
      `${m.id}: the floor ran at ${format(asked.floorOverPeer)}× the peer, so ≥ ${asked.atLeast}× peer asked for ` +
        `${Math.round(asked.neededOfFloor * 100)}% of the floor (Rapport reached ${Math.round(reached * 100)}%)`,
    ];
  });

/** What limits each figure, one line per distinct sentence (figures of one workload often share it). */
const limitLines = (measurements: readonly Measurement[]): string[] => {
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) groups.set(m.limit, [...(groups.get(m.limit) ?? []), m]);
  return [...groups].map(([limit, group]) => {
    const ids = group.map((m) => `\`${m.id}\``).join(', ');
    const labels = group.length === 1 ? ` (${group[0]!.label})` : '';
    const notes = [...new Set(group.map((m) => m.notes).filter((n) => n !== undefined))].join(' ');
    return `- ${ids}${labels}: ${limit}${notes === '' ? '' : ` ${notes}`}`;
  });
};

/** The rows of the results table, one per measurement. */
const rows = (report: Report): string[][] =>
  report.measurements.map((m) => [
    m.id,
    format(m.rapport),
    format(m.floor),
    format(m.peer),
    m.unit,
    times(ratio(m.rapport, m.floor)),
    times(ratio(m.rapport, m.peer)),
    targetText(m),
    verdict(m),
  ]);

const HEADER = ['workload', 'Rapport', 'floor', 'peer', 'unit', 'R/floor', 'R/peer', 'target', ''];

/** The human table for stdout. */
export const textTable = (report: Report): string => {
  const all = [HEADER, ...rows(report)];
  const widths = HEADER.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column >= 1 && column <= 6 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const asked = peerTargetLines(report.measurements);
  return [
    line(HEADER),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...all.slice(1).map(line),
    ...(asked.length === 0 ? [] : ['', 'Peer targets in terms of the floor:', ...asked.map((a) => `  ${a}`)]),
  ].join('\n');
};

/** The generated part of `docs/performance.md`: machine, versions, the table, and what limits each figure. */
export const markdownSection = (report: Report): string => {
  const { machine } = report;
  const table = [
    `| ${HEADER.map((h) => h || 'met').join(' | ')} |`,
    `|${HEADER.map((_, i) => (i >= 1 && i <= 6 ? '---:' : '---')).join('|')}|`,
    ...rows(report).map((row) => `| ${row.map((cell, i) => (i === 0 ? `\`${cell}\`` : cell)).join(' | ')} |`),
  ];
  const versions = Object.entries(machine.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    `Measured ${machine.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu}, ${machine.cores} cores, ` +
      `${machine.memoryGb} GB; Node ${machine.node}; PostgreSQL ${machine.postgres ?? 'not reachable'}; ${versions}. ` +
      `Load average ${machine.loadBefore.toFixed(1)} before and ${machine.loadAfter?.toFixed(1) ?? '?'} after ` +
      `(other work shared the machine). ${report.runs} runs per figure (median), ${Math.round(report.seconds)} s in all.`,
    '',
    ...table,
    '',
    'What limits each figure:',
    '',
    ...limitLines(report.measurements),
    '',
    'What each peer target asked for, in terms of the floor (the floor does the least work the operation needs):',
    '',
    ...peerTargetLines(report.measurements).map((line) => `- ${line}`),
  ].join('\n');
};

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated section of a markdown document (between the bench markers) with `section`. */
export const spliceSection = (document: string, section: string): string => {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end < start) return `${document.trimEnd()}\n\n${START}\n${section}\n${END}\n`;
  return `${document.slice(0, start)}${START}\n${section}\n${document.slice(end)}`;
};
