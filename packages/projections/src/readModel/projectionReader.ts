import type { Json } from '../definition/json';
import { collectionName } from './collectionName';
import type { DocumentPage, ListOptions, ReadModelStore } from './readModelStore';

/** A page of documents of a projection, in key order. */
export interface ReaderPage<TState> {
  readonly documents: readonly { readonly key: string; readonly document: TState }[];
  /** Pass as `after` for the next page; undefined on the last page. */
  readonly next: string | undefined;
}

/** Reads a projection's documents from whichever version is active, so reads keep working through a rebuild. */
export interface ProjectionReader<TState = Json> {
  /** The version readers see now; undefined before any version caught up. */
  version(): Promise<number | undefined>;
  get(key: string): Promise<TState | undefined>;
  getMany(keys: readonly string[]): Promise<ReadonlyMap<string, TState>>;
  list(options?: ListOptions): Promise<ReaderPage<TState>>;
}

const empty: DocumentPage = { documents: [], next: undefined };

/** Creates a reader of the active version of the projection named `projection`. */
export const createProjectionReader = <TState = Json>(
  readModels: ReadModelStore,
  projection: string,
): ProjectionReader<TState> => {
  const active = async () => {
    const version = await readModels.activeVersion(projection);
    return version === undefined ? undefined : collectionName(projection, version);
  };
  return {
    version: () => readModels.activeVersion(projection),
    async get(key) {
      const collection = await active();
      return collection === undefined
        ? undefined
        : ((await readModels.get(collection, key)) as TState | undefined);
    },
    async getMany(keys) {
      const collection = await active();
      if (collection === undefined) return new Map();
      return (await readModels.getMany(collection, keys)) as ReadonlyMap<string, TState>;
    },
    async list(options) {
      const collection = await active();
      const page = collection === undefined ? empty : await readModels.list(collection, options);
      return page as ReaderPage<TState>;
    },
  };
};
