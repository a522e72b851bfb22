import { defineConfig } from 'tsup';

/** Every package builds the same way: ESM and CJS with types and sourcemaps, from src/index.ts. */
export const packageBuild = (extra: { readonly shims?: boolean } = {}) =>
  defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    ...extra,
  });
