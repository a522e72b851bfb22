import { parseAs } from '@rapport/core';
import { type Program, programSchema } from './programSchema';

/**
 * Parses a program from JSON-shaped input, throwing a `ValidationError` that names every bad path,
 * e.g. `earning.multipliers[2].factor: must be greater than 0 (got 0)`.
 */
export const parseProgram = (json: unknown): Program => parseAs(programSchema, json, '');
