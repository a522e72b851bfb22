import { describe, expect, it } from 'vitest';
import { markdownSection, peerTargetLines, type Report, textTable } from './report';
import { peerTargetAsFloor } from './targets';
import type { Measurement } from './types';

const append: Measurement = {
  id: 'pg-append-1',
  label: 'one writer',
  unit: 'events/s',
  better: 'higher',
  rapport: 2_550,
  floor: 3_000,
  peer: 1_500,
  targets: [
    { kind: 'ratioFloor', atLeast: 0.7 },
    { kind: 'ratioPeer', atLeast: 2 },
  ],
  limit: 'The WAL flush.',
};

const memory: Measurement = {
  id: 'memory-per-customer',
  label: '1M customers',
  unit: 'bytes',
  better: 'lower',
  rapport: 760,
  floor: 685,
  targets: [{ kind: 'atMost', value: 1_024 }],
  limit: 'Object headers.',
};

const report: Report = {
  machine: {
    cpu: 'test',
    cores: 2,
    memoryGb: 1,
    node: 'v20',
    postgres: undefined,
    versions: {},
    loadBefore: 0,
    date: '2026-11-22T00:00:00.000Z',
  },
  quick: false,
  runs: 3,
  measurements: [append, memory],
  seconds: 1,
};

describe('given a peer target on a figure that has a floor', () => {
  it('states the floor’s own lead over the peer and the share of the floor the target asked for', () => {
    expect(peerTargetAsFloor(append)).toEqual({ atLeast: 2, floorOverPeer: 2, neededOfFloor: 1 });
    expect(peerTargetLines([append, memory])).toEqual([
      'pg-append-1: the floor ran at 2.00× the peer, so ≥ 2× peer asked for 100% of the floor (Rapport reached 85%)',
    ]);
  });

  it('prints that line under the table and in the generated docs', () => {
    expect(textTable(report)).toContain('asked for 100% of the floor');
    expect(markdownSection(report)).toContain('- pg-append-1: the floor ran at 2.00× the peer');
  });
});

describe('given figures without a floor, a peer or a peer target', () => {
  it('says nothing about peer targets', () => {
    const { floor: _floor, ...noFloor } = append;
    expect(peerTargetAsFloor(memory)).toBeUndefined();
    expect(peerTargetAsFloor(noFloor)).toBeUndefined();
    expect(peerTargetAsFloor({ ...append, targets: [{ kind: 'ratioFloor', atLeast: 0.7 }] })).toBeUndefined();
    expect(textTable({ ...report, measurements: [memory] })).not.toContain('Peer targets');
  });
});
