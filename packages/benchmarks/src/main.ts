/**
 * `pnpm bench [--quick] [--only name,name] [--runs n] [--no-write] [--in-process]`: runs every workload (floor,
 * Rapport and peer back to back), each in a process of its own unless `--in-process`, prints the table, and writes `results/latest.json`, `results/report.json` (every measurement with
 * its notes) and the results section of `docs/performance.md` (quick runs write `results/quick.json` only).
 * `--render` rewrites the table and the page from `results/report.json` without measuring.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runIsolated } from './harness/isolated';
import { markdownSection, type Report, resultsJson, spliceSection, textTable } from './harness/report';
import { runBenchmarks } from './harness/runBenchmarks';
import { workloads } from './workloads/index';

// `pnpm bench --quick` reaches us as `-- --quick` (the root script forwards with --), which parseArgs would take as
// positionals: drop the separator
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
  },
});

const saved = new URL('../results/report.json', import.meta.url);
const docs = new URL('../../../docs/performance.md', import.meta.url);
const writeDocs = (report: Report) =>
  writeFileSync(docs, spliceSection(readFileSync(docs, 'utf8'), markdownSection(report)));

if (values.render) {
  const report = JSON.parse(readFileSync(saved, 'utf8')) as Report;
  console.log(textTable(report));
  writeDocs(report);
  process.exit(0);
}

const report = await runBenchmarks({
  workloads,
  quick: values.quick,
  ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
  ...(values.only === undefined ? {} : { only: values.only.split(',') }),
  pgUrl: process.env.RAPPORT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  log: (message) => console.error(message),
  ...(values['in-process'] ? {} : { runWorkload: runIsolated }),
});

console.log(textTable(report));
if (!values['no-write']) {
  const results = new URL(`../results/${values.quick ? 'quick' : 'latest'}.json`, import.meta.url);
  writeFileSync(results, `${JSON.stringify(resultsJson(report), null, 2)}\n`);
  if (!values.quick && values.only === undefined) {
    writeFileSync(saved, `${JSON.stringify(report, null, 2)}\n`);
    writeDocs(report);
  }
}
