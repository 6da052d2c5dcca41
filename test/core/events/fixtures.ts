import { readdirSync, readFileSync } from 'node:fs';
import { parseDocument } from '../../../lambdas/core/events/parse';
import type { Change } from '../../../lambdas/core/events/types';

/** Real-shaped CloudTrail fixtures under test/events/. */
const DIR = new URL('../../events/', import.meta.url);

export const FIXTURE_NAMES: readonly string[] = readdirSync(DIR).filter((f) => f.endsWith('.json'));

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as unknown;
}

type Json = Record<string, unknown>;

/** The CloudTrail record inside a single-record fixture (the EventBridge detail, or the document). */
export function recordOf(doc: unknown): Json {
  const d = doc as Json;
  return (d.detail ?? d) as Json;
}

/** A fresh copy of a fixture whose record has been changed by `edit` (for invalid-input tests). */
export function editedFixture(name: string, edit: (record: Json) => void): unknown {
  const doc = loadFixture(name);
  edit(recordOf(doc));
  return doc;
}

/** Walks a dotted path of keys and indexes into a record, for concise edits in tests. */
export function dig(value: unknown, ...keys: readonly (string | number)[]): Json {
  return keys.reduce<unknown>((v, k) => (v as Json)[k], value) as Json;
}

/** Parses a single-record document and returns its Change, failing the test if it did not parse. */
export function changeOf(doc: unknown): Change {
  const events = parseDocument(doc);
  const [event] = events;
  if (events.length !== 1 || event?.status !== 'parsed') {
    throw new Error(`expected one parsed event, got ${JSON.stringify(events)}`);
  }
  return event.change;
}
