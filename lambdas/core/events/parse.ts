import { extractRecords } from './extract';
import { readMeta } from './meta';
import { parserFor } from './parser-table';
import type { EventParser } from './parsers/parser';
import { child, isAbsent, isRecord, type Node, show } from './read';
import type { EventMeta, LocatedRecord, ParsedEvent } from './types';

export const EC2_EVENT_SOURCE = 'ec2.amazonaws.com';

/**
 * Reads one CloudTrail record into a ParsedEvent: parsed, not-applied (the call failed), ignored
 * (not an EC2 change sg-guardian handles), or invalid (with the JSON path of the bad field). Never throws.
 */
export function parseRecord(located: LocatedRecord): ParsedEvent {
  if (located.unreadable !== undefined)
    return { status: 'invalid', path: located.path, reason: located.unreadable };
  const record: Node = { value: located.record, path: located.path };
  if (!isRecord(record.value)) {
    return {
      status: 'invalid',
      path: record.path,
      reason: `record is ${show(record.value)}, expected an object`,
    };
  }
  const { partial, full } = readMeta(record);
  const meta = full.ok ? full.value : undefined;
  const eventName = child(record, 'eventName');
  if (typeof eventName.value !== 'string' || eventName.value === '') {
    return {
      status: 'invalid',
      meta: partial,
      path: eventName.path,
      reason: `eventName is ${show(eventName.value)}`,
    };
  }
  const name = eventName.value;
  const source = child(record, 'eventSource').value;
  if (source !== EC2_EVENT_SOURCE) {
    return ignoredEvent(meta, `${name} comes from ${show(source)}, not ${EC2_EVENT_SOURCE}`);
  }
  const parser = parserFor(name);
  if (parser === undefined) return ignoredEvent(meta, `${name} is not a security group, ENI or NACL change`);
  if (!full.ok) return { status: 'invalid', meta: partial, ...full.issue };
  return parseSupported(record, full.value, parser);
}

function parseSupported(record: Node, meta: EventMeta, parser: EventParser): ParsedEvent {
  const errorCode = child(record, 'errorCode');
  if (!isAbsent(errorCode.value)) {
    if (typeof errorCode.value !== 'string') {
      return {
        status: 'invalid',
        meta,
        path: errorCode.path,
        reason: `errorCode is ${show(errorCode.value)}`,
      };
    }
    const message = child(record, 'errorMessage').value;
    return {
      status: 'not-applied',
      meta,
      errorCode: errorCode.value,
      ...(typeof message === 'string' ? { errorMessage: message } : {}),
    };
  }
  const request = child(record, 'requestParameters');
  if (!isRecord(request.value)) {
    return {
      status: 'invalid',
      meta,
      path: request.path,
      reason: `requestParameters is ${show(request.value)}`,
    };
  }
  const outcome = parser({
    eventName: meta.eventName,
    record,
    request,
    response: child(record, 'responseElements'),
  });
  if (outcome.tag === 'change') return { status: 'parsed', meta, change: outcome.change };
  if (outcome.tag === 'ignored') return { status: 'ignored', meta, reason: outcome.reason };
  return { status: 'invalid', meta, ...outcome.issue };
}

function ignoredEvent(meta: EventMeta | undefined, reason: string): ParsedEvent {
  return meta === undefined ? { status: 'ignored', reason } : { status: 'ignored', meta, reason };
}

/** Extracts every record of a document and parses each; an unreadable document is one invalid result. */
export function parseDocument(doc: unknown): ParsedEvent[] {
  const extracted = extractRecords(doc);
  if (!extracted.ok) return [{ status: 'invalid', ...extracted.error }];
  return extracted.records.map(parseRecord);
}
