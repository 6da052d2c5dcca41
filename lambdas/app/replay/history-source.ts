import type { Container } from '../../core/replay/session';

/** One input file; `deliveryMs` from a CloudTrail log file name, when it has one. */
export interface HistoryFile {
  readonly path: string;
  /** Size on disk; 0 for CloudTrail log files, which are always read whole. */
  readonly size: number;
  readonly deliveryMs?: number;
}

/** The CloudTrail log files of one day: listed only when the replay reaches that day. */
export interface HistoryDay {
  /** YYYY-MM-DD */
  readonly day: string;
  /** Folders `.../YYYY/MM/DD` of every account and region for that day. */
  readonly folders: readonly string[];
  /** Log files given or found outside such folders. */
  readonly files: readonly HistoryFile[];
}

export interface HistoryPlan {
  /** lookup-events output, Lake results, other .json/.json.gz: read first, changes held until the end. */
  readonly unordered: readonly HistoryFile[];
  readonly days: readonly HistoryDay[];
}

/** What a CloudTrail input file is handed to (the replay session). */
export interface CloudTrailSink {
  /** A whole document (a file read at once). */
  document(doc: unknown, file: string): void;
  /** One element of a top-level array of a streamed file ('' = the root array). */
  entry(container: Container, index: number, value: unknown, file: string): void;
  /** A streamed element that is not JSON. */
  unparsable(file: string, path: string, reason: string): void;
  /** The file cannot be read (missing, not gzip, not JSON, truncated); the others still are. */
  unreadable(file: string, reason: string): void;
}

/**
 * Where CloudTrail history comes from (the port the replay reads through): the files to read and in
 * what order, then each file loaded (off the main thread where it can be) and fed to a sink.
 */
export interface HistorySource<Loaded = unknown> {
  plan(paths: readonly string[]): Promise<HistoryPlan>;
  filesOfDay(day: HistoryDay): Promise<HistoryFile[]>;
  load(file: HistoryFile): Promise<Loaded>;
  /** Feeds a loaded file to the sink; false when the file could not be read. */
  feed(loaded: Loaded, sink: CloudTrailSink): Promise<boolean>;
}
