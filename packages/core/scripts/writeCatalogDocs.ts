import { writeFileSync } from 'node:fs';
import { touchpointEvents } from '../src/catalog/index';
import { renderEventCatalog } from './catalogDocs';

const target = new URL('../../../docs/events.md', import.meta.url);
writeFileSync(target, renderEventCatalog(touchpointEvents));
console.log(`wrote ${target.pathname} (${touchpointEvents.length} event types)`);
