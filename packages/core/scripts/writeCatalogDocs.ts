import { readFileSync, writeFileSync } from 'node:fs';
import { touchpointEvents } from '../src/catalog/index';
import { renderEventCatalog } from './catalogDocs';
import { withErasureCoverage } from './erasureDocs';

const catalog = new URL('../../../docs/events.md', import.meta.url);
writeFileSync(catalog, renderEventCatalog(touchpointEvents));
console.log(`wrote ${catalog.pathname} (${touchpointEvents.length} event types)`);

const security = new URL('../../../docs/security.md', import.meta.url);
writeFileSync(security, withErasureCoverage(readFileSync(security, 'utf8'), touchpointEvents));
console.log(`wrote the erasure coverage of ${security.pathname}`);
