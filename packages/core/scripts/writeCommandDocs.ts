import { writeFileSync } from 'node:fs';
import { renderCommandReference } from './commandDocs';

const target = new URL('../../../docs/commands.md', import.meta.url);
writeFileSync(target, renderCommandReference());
console.log(`wrote ${target.pathname}`);
