import { defineConfig } from 'tsup';

/** Every package builds the same way: ESM and CJS with types and sourcemaps, from src/index.ts (and any subpath entries). */
export const packageBuild = (extra: { readonly shims?: boolean; readonly entry?: readonly string[] } = {}) =>
  defineConfig({
    ...extra,
    entry: ['src/index.ts', ...(extra.entry ?? [])],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  });
