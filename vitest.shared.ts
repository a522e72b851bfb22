import { defineProject } from 'vitest/config';

/** Every package tests against source: `@rapport/*` resolves to `src/index.ts` via the `@rapport/source` condition. */
export const packageProject = (name: string) =>
  defineProject({
    resolve: { conditions: ['@rapport/source'] },
    ssr: { resolve: { conditions: ['@rapport/source'] } },
    test: {
      name,
      include: ['src/**/*.test.ts'],
      environment: 'node',
      // Property tests run dozens of generated histories in one test: 0.5-2 s each alone, and up to 4x that on a
      // 2-core machine running every package's suite at once. vitest's 5 s default failed them there without any
      // fault; 20 s keeps a real hang visible in under a minute.
      testTimeout: 20_000,
    },
  });
