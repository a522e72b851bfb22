import { packageBuild } from '../../tsup.shared.ts';

// import.meta.url locates the shipped datasets; shims make it work in the CJS build too
export default packageBuild({ shims: true });
