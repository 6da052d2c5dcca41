import { headerFields } from '../../core/flowlogs/format';
import { isLineFailure, makeLineParser, type LineParser } from '../../core/flowlogs/parse-line';
import type { FlowItem, FlowRecord } from '../../core/flowlogs/types';
import { JsonElementScanner } from './json-element-scanner';

const CR = 13;
/** `2026-11-30T10:00:03.000Z ` at the start of a line: a CloudWatch Logs export (CreateExportTask). */
const EXPORT_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d) /;
const JSON_START = /^\s*[[{]/;

/**
 * The text of one flow-log file, arriving in chunks, to items. What the file is shows in its first line:
 * - a header line naming the fields (S3 delivery, any field order): lines follow that format;
 * - `<ISO timestamp> <record>` (a CloudWatch Logs export to S3): the timestamp is skipped, records
 *   follow `fields` (the default format unless `--format` says otherwise; a log group holds no header);
 * - `{` or `[` (the JSON `aws logs filter-log-events` / `get-log-events` print): each `events[].message`
 *   is a record in `fields`; a problem's `line` is then the event's 1-based position in `events`;
 * - anything else: records in `fields`, no header.
 * A header line met later in a file (files concatenated with `cat`) switches the format from there.
 * Blank lines are skipped. Only the line being read is held.
 */
export class FlowLogTextReader {
  #mode: 'undecided' | 'lines' | 'json' = 'undecided';
  #parser: LineParser;
  #rest = '';
  #line = 0;
  #scanner: JsonElementScanner | undefined;
  #out: FlowItem[] = [];
  records = 0;
  problems = 0;

  /**
   * `onRecord`, when given, receives each record instead of an item: one record object reused for
   * every line (valid during the call only), no item or source per line. Problems are still items.
   */
  constructor(
    private readonly file: string,
    private readonly fields: readonly string[],
    private readonly onRecord?: (record: FlowRecord) => void,
    /** Text fields the consumer of `onRecord` never reads (see LineParserOptions.unread). */
    private readonly unread?: ReadonlySet<keyof FlowRecord>,
  ) {
    this.#parser = this.#make(fields);
  }

  /** The line being read (1-based): where a read that fails stopped. */
  get line(): number {
    return this.#line + 1;
  }

  /** Reads a chunk; returns the items it completed. */
  write(chunk: string): FlowItem[] {
    this.#out = [];
    const text = this.#rest.length > 0 ? this.#rest + chunk : chunk;
    if (this.#mode === 'undecided' && JSON_START.test(text)) this.#startJson();
    if (this.#mode === 'json') {
      this.#rest = '';
      this.#scanner!.write(text);
    } else this.#lines(text);
    return this.#out;
  }

  /** The file ended: the last line (without a newline), or why the JSON is incomplete. */
  end(): FlowItem[] {
    this.#out = [];
    if (this.#mode === 'json') {
      try {
        this.#scanner!.end();
        if (!this.#scanner!.found) this.#problem(1, 'JSON without an "events" array: not what aws logs filter-log-events or get-log-events prints');
      } catch (error) {
        this.#problem(this.#line + 1, `${(error as Error).message}; the events after it are lost`);
      }
    } else if (this.#rest.length > 0) {
      const last = this.#rest;
      this.#rest = '';
      this.#one(last);
    }
    return this.#out;
  }

  /** A failure reading the file (I/O, gzip): reported as a problem at the line where it stopped. */
  fail(reason: string): FlowItem[] {
    this.#out = [];
    this.#problem(this.#line + 1, `${reason}; the rest of this file is skipped`);
    return this.#out;
  }

  #lines(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      this.#one(text.slice(start, newline));
      start = newline + 1;
    }
    this.#rest = start === 0 ? text : text.slice(start);
  }

  #one(line: string): void {
    this.#line++;
    if (line.length === 0 || (line.length === 1 && line.charCodeAt(0) === CR)) return;
    if (this.#mode === 'undecided' && this.#decide(line)) return;
    const result = this.#parser(line);
    if (!isLineFailure(result)) {
      this.records++;
      if (this.onRecord) return this.onRecord(result);
      this.#out.push({ kind: 'record', record: result, source: { file: this.file, line: this.#line } });
      return;
    }
    const header = headerFields(line);
    if (header) this.#parser = this.#make(header);
    else this.#problem(this.#line, result.reason);
  }

  #startJson(): void {
    this.#mode = 'json';
    this.#scanner = new JsonElementScanner(new Set(['events']), (_container, index, text) => this.#event(index, text));
  }

  /** Looks at the first line of a text file; true when it was consumed (a header). */
  #decide(line: string): boolean {
    this.#mode = 'lines';
    const header = headerFields(line);
    if (header) {
      this.#parser = this.#make(header);
      return true;
    }
    if (EXPORT_TIMESTAMP.test(line)) this.#parser = this.#make(this.fields, true);
    return false;
  }

  #event(index: number, text: string): void {
    this.#line = index + 1;
    let message: unknown;
    try {
      message = (JSON.parse(text) as { message?: unknown }).message;
    } catch (error) {
      return this.#problem(this.#line, `event not valid JSON: ${(error as Error).message}`);
    }
    if (typeof message !== 'string') return this.#problem(this.#line, 'event without a "message" string');
    const result = this.#parser(message);
    if (isLineFailure(result)) return this.#problem(this.#line, result.reason);
    this.records++;
    if (this.onRecord) return this.onRecord(result);
    this.#out.push({ kind: 'record', record: result, source: { file: this.file, line: this.#line } });
  }

  #make(fields: readonly string[], timestamped = false): LineParser {
    return makeLineParser(fields, {
      timestamped,
      reuse: this.onRecord !== undefined,
      ...(this.unread ? { unread: this.unread } : {}),
    });
  }

  #problem(line: number, reason: string): void {
    this.problems++;
    this.#out.push({ kind: 'problem', problem: { source: { file: this.file, line }, reason } });
  }
}
