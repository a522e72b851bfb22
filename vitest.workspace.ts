/**
 * The test projects of the workspace: one per package that has tests.
 * `vitest.config.ts` imports this list as `test.projects` (vitest 4 reads projects from there).
 */
export const projects = ['packages/*/vitest.config.ts'];
export default projects;
