/** The collection a projection version's documents live in, e.g. `profiles_v3`: a safe SQL identifier fragment. */
export const collectionName = (projection: string, version: number): string => `${projection}_v${version}`;
