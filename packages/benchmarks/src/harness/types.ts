/** Whether a bigger figure is better (rates) or a smaller one (latencies, bytes, cost ratios). */
export type Better = 'higher' | 'lower';

/** A target a figure must meet, stated against the floor, the peer, or an absolute bound. */
export type Target =
  | { readonly kind: 'ratioFloor'; readonly atLeast: number }
  | { readonly kind: 'ratioPeer'; readonly atLeast: number }
  | { readonly kind: 'atLeast'; readonly value: number; readonly why?: string }
  | { readonly kind: 'atMost'; readonly value: number }
  | { readonly kind: 'equals'; readonly value: number };

/** One reported figure: Rapport's, with the floor's and the peer's when the workload has them. */
export interface Measurement {
  /** Stable id in `results/latest.json` (`inmem-append`, `pg-append-8`…). */
  readonly id: string;
  /** What was measured, in a few words. */
  readonly label: string;
  readonly unit: string;
  readonly better: Better;
  readonly rapport: number;
  readonly floor?: number;
  readonly peer?: number;
  readonly targets?: readonly Target[];
  /** One sentence on what limits this figure. */
  readonly limit: string;
  /** Further facts worth printing (sizes, runs, secondary figures). */
  readonly notes?: string;
}

/** What a workload is given: the size mode, the run count, PostgreSQL, and a logger. */
export interface BenchContext {
  readonly quick: boolean;
  /** Runs per figure; each figure is the median. */
  readonly runs: number;
  /** The PostgreSQL server benchmarks create their throwaway schemas in. */
  readonly pgUrl: string;
  /** Picks the full or the quick size. */
  size<T>(full: T, quick: T): T;
  log(message: string): void;
}

/** A benchmark: one file, one `run` that measures the floor, Rapport and the peer back to back. */
export interface Workload {
  /** Short name for `--only` and the progress log. */
  readonly name: string;
  readonly title: string;
  run(context: BenchContext): Promise<readonly Measurement[]>;
}
