import { packageBuild } from '../../tsup.shared.ts';

// import.meta.url locates the shipped datasets; shims make it work in the CJS build too
// `@rapport/testing/vitest` holds the suites written with vitest; the main entry runs under any test runner
export default packageBuild({ shims: true, entry: ['src/vitest.ts'] });
