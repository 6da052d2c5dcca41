import { gunzipSync, gzipSync } from 'node:zlib';
import type { Item } from './dynamodb-batch';

/** JSON larger than this is stored gzip-compressed in a binary attribute. */
export const GZIP_THRESHOLD_BYTES = 300 * 1024;
/** Beyond this the encoded value, with keys and other attributes, could pass DynamoDB's 400 KB item limit. */
export const MAX_ENCODED_BYTES = 390 * 1024;

/** The two attribute names a JSON value may live in: plain string or gzip binary. */
export interface JsonAttributes {
  readonly plain: string;
  readonly gzip: string;
}

/** A value could not be stored (too large even compressed) or read back (missing, corrupt). */
export class JsonAttributeError extends Error {
  override readonly name = 'JsonAttributeError';
}

/** The attribute holding `value` as JSON: a string, or gzip binary above GZIP_THRESHOLD_BYTES. */
export function encodeJson(value: unknown, names: JsonAttributes, label: string): Item {
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= GZIP_THRESHOLD_BYTES) return { [names.plain]: { S: json } };
  const compressed = gzipSync(json);
  if (compressed.byteLength > MAX_ENCODED_BYTES)
    throw new JsonAttributeError(
      `${label}: ${bytes} bytes of JSON are still ${compressed.byteLength} bytes gzip-compressed, over the ${MAX_ENCODED_BYTES}-byte limit of one DynamoDB item`,
    );
  return { [names.gzip]: { B: new Uint8Array(compressed) } };
}

export function decodeJson(item: Item, names: JsonAttributes, label: string): unknown {
  const plain = item[names.plain]?.S;
  const gzip = item[names.gzip]?.B;
  try {
    if (plain !== undefined) return JSON.parse(plain);
    if (gzip !== undefined) return JSON.parse(gunzipSync(gzip).toString('utf8'));
  } catch (error) {
    throw new JsonAttributeError(`${label}: stored JSON is unreadable`, { cause: error });
  }
  throw new JsonAttributeError(`${label}: neither ${names.plain} nor ${names.gzip} is present`);
}
