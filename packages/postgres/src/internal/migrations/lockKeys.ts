/** A bulk append over more streams than this takes the exclusive gate instead of one lock per stream. */
export const maxStreamLocksPerAppend = 500;

/**
 * SQL expressions of the advisory lock keys of one schema: the gate (shared by every append, exclusive for bulk
 * appends over many streams), the position mutex, and one key per tenant and stream.
 */
export const lockKeys = (schema: string) => ({
  gate: `hashtextextended('rapport/${schema}/gate', 0)`,
  mutex: `hashtextextended('rapport/${schema}/positions', 0)`,
  streamLock: (tenant: string, stream: string) =>
    `hashtextextended('${schema}' || E'\\x1f' || ${tenant} || E'\\x1f' || ${stream}, 0)`,
});
