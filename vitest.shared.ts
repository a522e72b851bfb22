import { defineProject } from 'vitest/config';

/** Every package tests against source: `@rapport/*` resolves to `src/index.ts` via the `@rapport/source` condition. */
export const packageProject = (name: string) =>
  defineProject({
    resolve: { conditions: ['@rapport/source'] },
    ssr: { resolve: { conditions: ['@rapport/source'] } },
    test: { name, include: ['src/**/*.test.ts'], environment: 'node' },
  });
