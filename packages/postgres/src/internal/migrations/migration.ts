/** One versioned step of the schema; `sql` receives the quoted schema name and the bare one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: { readonly quoted: string; readonly name: string }) => string;
}
