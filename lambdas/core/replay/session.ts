import type { GuardianConfig } from '../config/schema';
import { extractRecords } from '../events/extract';
import { EC2_EVENT_SOURCE, parseRecord } from '../events/parse';
import { SUPPORTED_EVENT_NAMES } from '../events/parser-table';
import { isRecord, show } from '../events/read';
import type { ParsedEvent } from '../events/types';
import type { NetworkModel } from '../model/types';
import { BreakGlassLedger } from '../verdict/break-glass-ledger';
import { judge } from '../verdict/judge';
import { ReplayAccumulator } from './accumulator';
import { refOf } from './event-ref';
import { lakeRowRecord } from './lake-row';
import { lookupEntryRecord } from './lookup-entry';
import { OutageTracker } from './outages';
import { ReorderBuffer } from './reorder-buffer';
import { ReplayState } from './replay-state';
import { isoTime, timeMs } from './time';
import type { ReplaySummary } from './types';

export interface ReplayOptions {
  /** How far back a record may arrive after later ones (CloudTrail delivers within ~15 minutes). */
  readonly windowMinutes: number;
  /** Items kept per list in the report (totals are always complete). */
  readonly limit: number;
  /** Changes held for reordering at most; beyond, the oldest is judged early. */
  readonly maxHeld: number;
}

export const DEFAULT_REPLAY_OPTIONS: ReplayOptions = { windowMinutes: 30, limit: 1000, maxHeld: 200_000 };

/** The top-level array an entry was found in: log file, lookup-events, Lake results, or a bare array (''). */
export type Container = 'Records' | 'Events' | 'QueryResultRows' | '';

export const CONTAINERS: readonly Container[] = ['Records', 'Events', 'QueryResultRows'];

interface Pending {
  readonly timeMs: number;
  readonly seq: number;
  readonly event: Extract<ParsedEvent, { status: 'parsed' }>;
  readonly source: string;
}

const SUPPORTED = new Set(SUPPORTED_EVENT_NAMES);
const isSupported = (name: string) => SUPPORTED.has(name);
const MINUTE = 60_000;
/** `now` for verdicts that do not use it (failed calls). */
const EPOCH = new Date(0);
const UNTIMED = 'eventTime is missing or not a time: the change cannot be placed in time order';

/**
 * Replays CloudTrail history against a snapshot taken before it: every record is counted, only the
 * supported changes are parsed and judged, in time order (through a reorder buffer released by a
 * watermark), each judged against the state that all earlier changes left and then applied to it.
 * Feed records with `entry`/`document`, advance `watermark` as the input allows, then `finish`.
 */
export class ReplaySession {
  readonly #config: GuardianConfig;
  readonly #options: ReplayOptions;
  readonly #state: ReplayState;
  readonly #acc: ReplayAccumulator;
  readonly #outages: OutageTracker;
  readonly #buffer: ReorderBuffer<Pending>;
  readonly #seen = new Map<string, number>();
  /** When break-glass tags were set, from the tag changes replayed (exemptions.breakGlassMaxHours). */
  readonly #breakGlass = new BreakGlassLedger();
  readonly #emit = (p: Pending) => this.#judge(p);
  #seq = 0;
  #lastJudgedMs = Number.NEGATIVE_INFINITY;
  #late = 0;
  #duplicates = 0;
  #filesRead = 0;
  #filesUnreadable = 0;
  readonly #fileProblems: { file: string; reason: string }[] = [];
  #prunedAt = 0;

  constructor(model: NetworkModel, config: GuardianConfig, options: ReplayOptions = DEFAULT_REPLAY_OPTIONS) {
    this.#config = config;
    this.#options = options;
    this.#state = new ReplayState(model, config);
    this.#acc = new ReplayAccumulator(options.limit, config.deployment.mode);
    this.#outages = new OutageTracker(config, options.limit);
    this.#outages.start(model);
    this.#buffer = new ReorderBuffer(options.maxHeld);
  }

  /** A whole JSON document of `file`: log file, lookup-events output, Lake results, or what parseDocument reads. */
  document(doc: unknown, file: string): void {
    if (isRecord(doc)) {
      const container = CONTAINERS.find((c) => Array.isArray(doc[c]));
      if (container !== undefined) {
        const entries = doc[container] as unknown[];
        for (let i = 0; i < entries.length; i++) this.entry(container, i, entries[i], file);
        return;
      }
    }
    this.#generic(doc, file, '$');
  }

  /** The `index`-th entry of the top-level array `container` of `file` ('' = the document is an array). */
  entry(container: Container, index: number, value: unknown, file: string): void {
    switch (container) {
      case 'Records':
        return this.record(value, file, `$.Records[${index}]`);
      case 'Events': {
        const found = lookupEntryRecord(value, `$.Events[${index}]`, isSupported);
        if (found.tag === 'record') return this.record(found.record, file, found.path);
        if (found.tag === 'invalid') {
          this.#acc.record(undefined);
          return this.#invalid(file, found.path, found.reason);
        }
        this.#acc.record(isoTime(found.time));
        return this.#acc.ignored();
      }
      case 'QueryResultRows': {
        const found = lakeRowRecord(value, `$.QueryResultRows[${index}]`);
        if (found.ok) return this.record(found.record, file, found.path);
        this.#acc.record(undefined);
        return this.#invalid(file, found.path, found.reason);
      }
      case '':
        return this.#generic(value, file, `$[${index}]`);
    }
  }

  /** One CloudTrail record. Anything but a supported EC2 change is counted and left unparsed. */
  record(record: unknown, file: string, path: string): void {
    const valid = isRecord(record);
    this.#acc.record(valid ? isoTime(record.eventTime) : undefined);
    if (!valid) return this.#invalid(file, path, `record is ${show(record)}, expected an object`);
    const name = record.eventName;
    if (typeof name !== 'string' || name === '')
      return this.#invalid(file, `${path}.eventName`, `eventName is ${show(name)}`);
    if (record.eventSource !== EC2_EVENT_SOURCE || !SUPPORTED.has(name)) return this.#acc.ignored();
    this.#candidate(parseRecord({ path, record }), file, path);
  }

  /** An entry of `file` at `path` that is not even JSON (read from a stream, element by element). */
  unparsable(file: string, path: string, reason: string): void {
    this.#acc.record(undefined);
    this.#invalid(file, path, reason);
  }

  /** A file that could not be read at all (bad gzip, not JSON): reported, the replay goes on. */
  unreadable(file: string, reason: string): void {
    this.#filesUnreadable += 1;
    if (this.#fileProblems.length < this.#options.limit) this.#fileProblems.push({ file, reason });
  }

  /** A file read to the end. */
  fileRead(): void {
    this.#filesRead += 1;
  }

  /**
   * Nothing older than `deliveryMs` minus the reorder window can still arrive (e.g. the next log file
   * was delivered then): every change held before that is judged now, in time order.
   */
  watermark(deliveryMs: number): void {
    this.#buffer.releaseBefore(deliveryMs - this.#options.windowMinutes * MINUTE, this.#emit);
  }

  /** Records and changes read so far, and changes held for ordering. */
  get progress(): { readonly records: number; readonly held: number } {
    return { records: this.#acc.recordCount, held: this.#buffer.size };
  }

  /** Judges every change still held and returns the report. */
  finish(): ReplaySummary {
    this.#buffer.drain(this.#emit);
    const last = timeMs(this.#acc.lastEventTime);
    return this.#acc.summary({
      outages: this.#outages.finish(last),
      ordering: {
        windowMinutes: this.#options.windowMinutes,
        late: this.#late,
        duplicates: this.#duplicates,
        releasedEarly: this.#buffer.releasedEarly,
      },
      files: { read: this.#filesRead, unreadable: this.#filesUnreadable, problems: [...this.#fileProblems] },
    });
  }

  #generic(doc: unknown, file: string, base: string): void {
    const extracted = extractRecords(doc);
    if (!extracted.ok) return this.#invalid(file, rebase(extracted.error.path, base), extracted.error.reason);
    for (const located of extracted.records) {
      const path = rebase(located.path, base);
      if (located.unreadable !== undefined) {
        this.#acc.record(undefined);
        this.#invalid(file, path, located.unreadable);
      } else this.record(located.record, file, path);
    }
  }

  #candidate(event: ParsedEvent, file: string, path: string): void {
    if (event.status === 'invalid') return this.#invalid(file, event.path, event.reason, true);
    if (event.status === 'ignored' || event.meta === undefined) return this.#acc.ignored();
    const at = timeMs(event.meta.eventTime);
    if (this.#isDuplicate(event.meta.eventId, at)) return;
    const source = `${file} ${path}`;
    if (event.status !== 'parsed')
      return this.#acc.verdict(judge({ event, model: this.#state.model, config: this.#config, now: EPOCH }), source);
    if (at === undefined)
      return this.#invalid(file, `${path}.eventTime`, UNTIMED, true);
    this.#buffer.push({ timeMs: at, seq: this.#seq++, event, source }, this.#emit);
  }

  #judge({ timeMs: at, event, source }: Pending): void {
    if (at < this.#lastJudgedMs) this.#late += 1;
    else this.#lastJudgedMs = at;
    const before = this.#state.model;
    const verdict = judge({
      event,
      model: before,
      config: this.#config,
      now: new Date(at),
      dependencyIndex: this.#state.dependencyIndex,
      breakGlassOpenings: this.#breakGlass.openings,
    });
    this.#breakGlass.note(verdict.exemptions);
    const moment = { ref: refOf(verdict, source), timeMs: at };
    const applied = this.#state.apply(event.change);
    if (applied.effective)
      this.#outages.changed(this.#state.dependencyIndex, before, this.#state.model, event.change, moment);
    this.#outages.broken(verdict, moment);
    this.#acc.verdict(verdict, source);
  }

  /** Same eventID seen before (overlapping inputs); ids are forgotten once far behind the judged time. */
  #isDuplicate(eventId: string, at: number | undefined): boolean {
    if (this.#seen.has(eventId)) {
      this.#duplicates += 1;
      return true;
    }
    this.#seen.set(eventId, at ?? Number.POSITIVE_INFINITY);
    if (this.#seen.size > 2 * this.#prunedAt + 10_000) {
      const horizon = this.#lastJudgedMs - 2 * this.#options.windowMinutes * MINUTE;
      for (const [id, t] of this.#seen) if (t < horizon) this.#seen.delete(id);
      this.#prunedAt = this.#seen.size;
    }
    return false;
  }

  #invalid(file: string, path: string, reason: string, notify = false): void {
    this.#acc.invalid({ file, path, reason }, notify);
  }
}

/** A path found inside an entry, re-rooted at the entry's own path. */
function rebase(path: string, base: string): string {
  return base === '$' ? path : `${base}${path.slice(1)}`;
}
