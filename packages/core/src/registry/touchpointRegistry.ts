import { touchpointEvents } from '../catalog/index';
import { createEventRegistry } from './eventRegistry';

/** The registry of every built-in touchpoint event; extend it with `createEventRegistry([...touchpointEvents, ...yours])`. */
export const touchpointRegistry = createEventRegistry(touchpointEvents);
