/**
 * One flow-log line to a record. Built once per file (for the fields its header names, or the format
 * given) and called for every line, so it scans the line once, left to right, without split() or
 * regular expressions. Fields are separated by spaces (a run of spaces counts as one); `-` is a missing
 * value; a trailing `\r` is ignored.
 */
import { DEFAULT_FIELDS, FLOW_FIELDS, INVALID, flowField, isTextField, type FlowField } from './format';
import type { FlowRecord } from './types';

/** Why a line is not a record. */
export interface LineFailure {
  readonly reason: string;
}

export type LineResult = FlowRecord | LineFailure;
export type LineParser = (line: string) => LineResult;

export const isLineFailure = (result: LineResult): result is LineFailure => 'reason' in result;

export interface LineParserOptions {
  /**
   * Each line starts with a timestamp and a space before the record: what CloudWatch Logs writes when it
   * exports a log group to S3 (CreateExportTask), e.g. `2026-11-30T10:00:03.000Z 2 123456789012 eni-…`.
   */
  readonly timestamped?: boolean;
  /**
   * Fill one record object, reused for every line, instead of a new one per line (the learning pass
   * reads each record once and keeps none: no garbage per line). A field missing from the line is then
   * present and undefined. The record is only valid until the next call.
   */
  readonly reuse?: boolean;
  /**
   * Text fields (ids, names) the caller never reads: left undefined rather than copied out of the line
   * (one string fewer per field and line). Text is never invalid, so nothing else changes.
   */
  readonly unread?: ReadonlySet<keyof FlowRecord>;
}

const SPACE = 32;
const DASH = 45;
const CR = 13;
/** How much of a bad value a reason quotes. */
const QUOTE_MAX = 40;

/**
 * A parser for lines holding `fields` in that order (the names of an S3 file's header line or of a
 * `--log-format`; the default version-2 format when omitted). Fields this reader does not know are
 * skipped. A line with another number of fields, or a value not of its field's type, is a failure
 * naming why.
 */
export function makeLineParser(
  fields: readonly string[] = DEFAULT_FIELDS,
  options: LineParserOptions = {},
): LineParser {
  const slots: (FlowField | undefined)[] = fields.map((name) => {
    const field = flowField(name);
    return field && options.unread?.has(field.property) && isTextField(field) ? undefined : field;
  });
  const count = slots.length;
  const timestamped = options.timestamped === true;
  const properties = slots.flatMap((slot) => (slot ? [slot.property] : []));
  let shared: Record<string, string | number | undefined> | undefined;
  if (options.reuse === true) {
    // Every property of the record type, in one order: one shape for every line.
    shared = {};
    for (const f of FLOW_FIELDS) shared[f.property] = undefined;
  }
  const wrongCount = (line: string, from: number, end: number) =>
    ({ reason: `${countFields(line, from, end)} fields, the format has ${count}` }) satisfies LineFailure;

  return (line) => {
    let end = line.length;
    if (end > 0 && line.charCodeAt(end - 1) === CR) end--;
    let pos = 0;
    if (timestamped) {
      const space = line.indexOf(' ');
      if (space < 0 || space >= end) return { reason: 'no timestamp before the record (CloudWatch Logs export)' };
      pos = space + 1;
    }
    const from = pos;
    let record: Record<string, string | number | undefined>;
    if (shared === undefined) record = {};
    else {
      record = shared;
      for (const property of properties) record[property] = undefined;
    }
    let i = 0;
    while (pos < end) {
      if (line.charCodeAt(pos) === SPACE) {
        pos++;
        continue;
      }
      let next = line.indexOf(' ', pos);
      if (next < 0 || next > end) next = end;
      if (i === count) return wrongCount(line, from, end);
      const slot = slots[i++];
      if (slot !== undefined && !(next - pos === 1 && line.charCodeAt(pos) === DASH)) {
        const value = slot.decode(line, pos, next);
        if (value === INVALID)
          return countFields(line, from, end) === count
            ? { reason: badValue(slot, line.slice(pos, next)) }
            : wrongCount(line, from, end);
        record[slot.property] = value;
      }
      pos = next + 1;
    }
    if (i !== count) return wrongCount(line, from, end);
    return record as FlowRecord;
  };
}

function countFields(line: string, from: number, end: number): number {
  let n = 0;
  let inField = false;
  for (let i = from; i < end; i++) {
    const isSpace = line.charCodeAt(i) === SPACE;
    if (!isSpace && !inField) n++;
    inField = !isSpace;
  }
  return n;
}

function badValue(field: FlowField, value: string): string {
  const quoted = value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}…` : value;
  return `${field.name} "${quoted}" is not ${field.expected}`;
}
