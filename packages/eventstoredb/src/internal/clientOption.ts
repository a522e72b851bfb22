import type { OptionReader } from '@rapport/core';
import { connectClient, type EventStoreDbClient } from './client';

/** The client methods the adapter calls; a `client` option without them is refused when the store is made. */
const clientMethods = ['appendToStream', 'readStream', 'readAll', 'subscribeToAll', 'dispose'] as const;

// esdb:// or esdb+discover://, then printable text (the client parses the rest)
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected
const CONNECTION_STRING = /^esdb(\+discover)?:\/\/[^\u0000-\u001f\u007f]{1,2000}$/i;

/**
 * The client a factory was given, or the one it opens from `connectionString` (which it then owns). Call it after
 * every other option is checked: a refused option must not leave an opened client behind.
 */
export const resolveClient = (read: OptionReader): { client: EventStoreDbClient; owned: boolean } => {
  const given = read.service<EventStoreDbClient | undefined>(
    'client',
    clientMethods,
    'an EventStoreDBClient',
    true,
  );
  const connectionString = read.optionalString(
    'connectionString',
    CONNECTION_STRING,
    'an esdb:// or esdb+discover:// connection string',
  );
  if ((given === undefined) === (connectionString === undefined)) {
    throw read.error('give exactly one of client or connectionString');
  }
  if (given !== undefined) return { client: given, owned: false };
  try {
    return { client: connectClient(connectionString!), owned: true };
  } catch (cause) {
    throw read.error(`connectionString cannot be used (${(cause as Error).message})`);
  }
};
