import { DIGEST_UNREAD, type FlowDigester, type FlowPart } from '../../core/flowlogs/digester';
import type { FlowItem } from '../../core/flowlogs/types';
import { chunksOf, readFailure } from './flow-log-chunks';
import type { FlowLogFile } from './flow-log-plan';
import { FlowLogTextReader } from './flow-log-text';

/**
 * What digesting one file gives, in order: parts of its digest (one at the end, more when the digest
 * fills up), its problems (malformed lines, a read that failed: file and line), and how far it has come.
 * Plain data: a worker thread posts these as they are.
 */
export type FileDigestEvent =
  | { readonly kind: 'part'; readonly part: FlowPart }
  | { readonly kind: 'problems'; readonly items: FlowItem[] }
  | { readonly kind: 'progress'; readonly bytes: number; readonly records: number; readonly problems: number };

/**
 * The learning pass over one flow-log file: each line parsed into one reused record and folded into a
 * FlowDigester, which goes on from the files before: parts are taken when it is full and, with
 * `takeAtEnd`, after the file (fewer, larger parts leave the main thread less to merge; parts merged in
 * read order learn the same wherever they were cut). The same code runs in the main thread (one file, `--threads 1`) and in worker threads,
 * so both give the same parts. A file that cannot be read to its end is a problem at the line where it
 * stopped; what was read is kept.
 */
export async function* digestFlowLogFile(
  file: FlowLogFile,
  fields: readonly string[],
  digester: FlowDigester,
  takeAtEnd = true,
): AsyncGenerator<FileDigestEvent, void, undefined> {
  const full: FlowPart[] = [];
  // One digester per thread, file after file: its tables keep their size (no growing again per file).
  digester.onFull = (part) => full.push(part);
  const reader = new FlowLogTextReader(file.path, fields, (record) => digester.add(record), DIGEST_UNREAD);
  const progress = (bytes: number): FileDigestEvent => ({ kind: 'progress', bytes, records: reader.records, problems: reader.problems });
  try {
    for await (const { text, bytes } of chunksOf(file)) {
      const items = reader.write(text);
      while (full.length > 0) yield { kind: 'part', part: full.shift()! };
      if (items.length > 0) yield { kind: 'problems', items };
      yield progress(bytes);
    }
    const last = reader.end();
    if (last.length > 0) yield { kind: 'problems', items: last };
  } catch (error) {
    yield { kind: 'problems', items: reader.fail(readFailure(error)) };
  }
  while (full.length > 0) yield { kind: 'part', part: full.shift()! };
  if (takeAtEnd) yield { kind: 'part', part: digester.take() };
  yield progress(file.size);
}
