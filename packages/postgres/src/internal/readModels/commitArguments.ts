import {
  checkDocuments,
  type DeadLetter,
  type Json,
  type ReadModelCommit,
  type StoredTimer,
} from '@rapport/projections';
import { partitionHash } from '../../partitionOf';
import { encodeText } from '../textCodec';
import {
  assertAliasTarget,
  assertCollection,
  assertKey,
  assertPosition,
  assertProjection,
  assertTime,
  assertVersion,
  maxTimerNameLength,
} from './readModelNames';

/** Which checkpoint a commit moves: the collection's (`count` 0) or one partition's. */
export interface Part {
  readonly count: number;
  readonly index: number;
}

/** JSON documents travel as one text joined by U+001E, which `JSON.stringify` never writes unescaped. */
export const SEPARATOR = '\u001e';

/** A dead letter as stored: the whole record as JSON, with its position as a decimal string. */
export const letterJson = (letter: DeadLetter): string =>
  JSON.stringify({ ...letter, position: letter.position.toString() });

/**
 * The arguments of `commit_read_model`, in its parameter order. Changes are reduced here to at most one per key,
 * which is what applying them in order leaves: the last document change of a key wins; a timer `clear` removes the
 * key's stored timers and the changes before it, so stored timers are cleared first, then single timers deleted,
 * then the remaining puts upserted; the last alias change of a key wins, a null target removing its alias. Every name and
 * key is checked before anything is sent.
 */
export const commitArguments = (tenant: string, commit: ReadModelCommit, part: Part): unknown[] => {
  const collection = assertCollection(commit.collection);
  const documents = new Map<string, Json | null>();
  commit.documents.forEach(({ key, document }, i) => {
    documents.set(assertKey(key, `documents[${i}].key`), document);
  });
  checkDocuments(commit.documents);
  const cleared = new Set<string>();
  // per key, per name: the timer to put, or undefined to delete the stored one
  const timers = new Map<string, Map<string, StoredTimer | undefined>>();
  commit.timers.forEach((change, i) => {
    if (change.kind === 'clear') {
      cleared.add(assertKey(change.key, `timers[${i}].key`));
      timers.delete(change.key);
      return;
    }
    const { key, name } = change.kind === 'put' ? change.timer : change;
    assertKey(key, `timers[${i}].key`);
    assertKey(name, `timers[${i}].name`, maxTimerNameLength);
    if (change.kind === 'put') assertTime(change.timer.at, `timers[${i}].at`);
    const names = timers.get(key) ?? new Map<string, StoredTimer | undefined>();
    timers.set(key, names);
    names.set(name, change.kind === 'put' ? change.timer : undefined);
  });
  // per key, its target, or null to remove its alias
  const aliases = new Map<string, string | null>();
  commit.aliases.forEach(({ from, to }, i) => {
    aliases.set(assertKey(from, `aliases[${i}].from`), assertAliasTarget(to, `aliases[${i}].to`));
  });
  const letters = new Map<string, DeadLetter>();
  commit.deadLetters.forEach((letter, i) => {
    assertPosition(letter.position, `deadLetters[${i}].position`);
    letters.set(
      letter.timer === undefined
        ? `${letter.position}`
        : `${letter.position}/${letter.timer.key}\u0000${letter.timer.name}`,
      letter,
    );
  });
  const { expected, next } = commit.checkpoint;
  if (expected !== undefined) assertPosition(expected, 'checkpoint.expected');
  assertPosition(next.position, 'checkpoint.next.position');
  if (next.watermark !== undefined) assertTime(next.watermark, 'checkpoint.next.watermark');
  const activate = commit.activate;
  if (activate !== undefined) {
    assertProjection(activate.projection);
    assertVersion(activate.version, 'activate.version');
  }

  const written: string[] = [];
  const json: string[] = [];
  const deleted: string[] = [];
  for (const [key, document] of documents) {
    if (document === null) deleted.push(encodeText(key));
    else {
      written.push(encodeText(key));
      json.push(JSON.stringify(document));
    }
  }
  const puts: StoredTimer[] = [];
  const deletes: { key: string; name: string }[] = [];
  for (const [key, names] of timers) {
    for (const [name, timer] of names) {
      if (timer === undefined) deletes.push({ key, name });
      else puts.push(timer);
    }
  }
  const letterList = [...letters.values()];
  return [
    tenant,
    collection,
    part.count,
    part.index,
    expected?.toString() ?? null,
    next.position.toString(),
    next.watermark ?? null,
    written,
    json.join(SEPARATOR),
    deleted,
    [...cleared].map(encodeText),
    deletes.map((entry) => encodeText(entry.key)),
    deletes.map((entry) => encodeText(entry.name)),
    puts.map((timer) => encodeText(timer.key)),
    puts.map((timer) => encodeText(timer.name)),
    puts.map((timer) => timer.at),
    puts.map((timer) => (timer.payload === undefined ? null : JSON.stringify(timer.payload))),
    puts.map((timer) => partitionHash(timer.key)),
    [...aliases.keys()].map(encodeText),
    [...aliases.values()].map((to) => (to === null ? null : encodeText(to))),
    letterList.map((letter) => letter.position.toString()),
    letterList.map((letter) => letter.timer !== undefined),
    letterList.map((letter) => encodeText(letter.timer?.key ?? '')),
    letterList.map((letter) => encodeText(letter.timer?.name ?? '')),
    letterList.map(letterJson),
    activate?.projection ?? null,
    activate?.version ?? null,
  ];
};
