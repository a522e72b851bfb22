import { touchpointEvents, touchpointUpcasters } from '../catalog/index';
import { createEventRegistry } from './eventRegistry';

/**
 * The registry of every built-in touchpoint event, with the upcasters of their older versions; extend it with
 * `createEventRegistry([...touchpointEvents, ...yours], { upcasters: touchpointUpcasters })`.
 */
export const touchpointRegistry = createEventRegistry(touchpointEvents, { upcasters: touchpointUpcasters });
