/** A JSON value: what read-model documents, timer payloads and checkpoints are made of. */
export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [key: string]: Json | undefined };
