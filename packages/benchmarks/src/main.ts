/**
 * `pnpm bench [--quick] [--only name,name] [--runs n] [--no-write]`: runs every workload (floor, Rapport and peer
 * back to back), prints the table, and writes `results/latest.json` and the results section of
 * `docs/performance.md` (quick runs write `results/quick.json` only).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { markdownSection, resultsJson, spliceSection, textTable } from './harness/report';
import { runBenchmarks } from './harness/runBenchmarks';
import { workloads } from './workloads/index';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const report = await runBenchmarks({
  workloads,
  quick: values.quick,
  ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
  ...(values.only === undefined ? {} : { only: values.only.split(',') }),
  pgUrl: process.env.RAPPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  log: (message) => console.error(message),
});

console.log(textTable(report));
if (!values['no-write']) {
  const results = new URL(`../results/${values.quick ? 'quick' : 'latest'}.json`, import.meta.url);
  writeFileSync(results, `${JSON.stringify(resultsJson(report), null, 2)}\n`);
  if (!values.quick && values.only === undefined) {
    const docs = new URL('../../../docs/performance.md', import.meta.url);
    writeFileSync(docs, spliceSection(readFileSync(docs, 'utf8'), markdownSection(report)));
  }
}
