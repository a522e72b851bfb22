/**
 * One workload in a process of its own (what `pnpm bench` starts for each, see `harness/isolated.ts`): the request
 * comes as JSON in the first argument, the measurements leave as JSON on stdout, progress goes to stderr.
 */
import type { WorkloadRequest } from './harness/isolated';
import { benchContext } from './harness/runBenchmarks';
import { workloads } from './workloads/index';

const request = JSON.parse(process.argv[2] ?? '{}') as WorkloadRequest;
const workload = workloads.find((w) => w.name === request.name);
if (workload === undefined) {
  console.error(`no workload named ${JSON.stringify(request.name)}`);
  process.exit(2);
}
console.error(`  (process ${process.pid})`);
const measurements = await workload.run(
  benchContext({
    quick: request.quick,
    runs: request.runs,
    pgUrl: request.pgUrl,
    log: (message) => console.error(message),
  }),
);
process.stdout.write(JSON.stringify(measurements));
