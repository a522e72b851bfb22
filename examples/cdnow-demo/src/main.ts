import { createFakeClock, createInMemoryEventStore } from '@rapport/core';
import { type CustomerProfile, netSpent, profileAsOf, profileProjection } from '@rapport/profiles';
import {
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
} from '@rapport/projections';
import { cdnowEvents, loadCdnowTransactions } from '@rapport/testing';
import { importHistory } from './importHistory';
import { profileLine, stageCounts } from './report';

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

// 1. Record: every CDNOW purchase (Jan 1997 to Jun 1998) as touchpoints on the embedded store, in event-time order.
let started = performance.now();
const history = cdnowEvents(loadCdnowTransactions('master'));
const store = createInMemoryEventStore();
await importHistory(store, history);
console.log(
  `recorded ${history.length.toLocaleString()} touchpoints of 23,570 customers in ${seconds(started)} s`,
);

// 2. Project: the customer 360° profile, with the live clock on the day after the data ends.
started = performance.now();
const clock = createFakeClock('1998-07-01T00:00:00Z');
const readModels = createInMemoryReadModelStore();
const runner = createProjectionRunner({
  projection: profileProjection,
  eventStore: store,
  readModels,
  clock,
  tickIntervalMs: 0,
});
runner.start();
await runner.waitForPosition(await store.headPosition());
await runner.tick();
const built = seconds(started);
console.log(
  `built ${runner.status().position.toLocaleString()} events into profiles in ${built} s (${Math.round(history.length / Number(built)).toLocaleString()} events/s)`,
);

const reader = createProjectionReader<CustomerProfile>(readModels, profileProjection.name);
const allProfiles = async () => {
  const out: { key: string; document: CustomerProfile }[] = [];
  for (
    let page = await reader.list({ limit: 5_000 });
    ;
    page = await reader.list({ limit: 5_000, after: page.next! })
  ) {
    out.push(...page.documents);
    if (page.next === undefined) return out;
  }
};
const profiles = await allProfiles();
console.log(`\nlifecycle on 1998-07-01: ${stageCounts(profiles.map((p) => p.document))}`);

console.log('\nbest customers by net spend:');
const best = [...profiles]
  .sort((a, b) => netSpent(b.document, 'USD') - netSpent(a.document, 'USD'))
  .slice(0, 5);
for (const { key, document } of best) console.log(profileLine(key, document));

// 3. Time travel: the best customer as the business saw them at the end of the first quarter of 1997.
const [top] = best;
const then = await profileAsOf(store, top!.key, '1997-03-31T23:59:59Z');
console.log(`\n${top!.key} as of 1997-03-31:`);
if (then) console.log(profileLine(top!.key, then));

// 4. Time moves with no new event: three months later, timers have moved customers to at risk or lapsed.
clock.set('1998-10-01T00:00:00Z');
await runner.tick();
const later = await allProfiles();
console.log(`\nlifecycle on 1998-10-01, no new event: ${stageCounts(later.map((p) => p.document))}`);
await runner.stop();
