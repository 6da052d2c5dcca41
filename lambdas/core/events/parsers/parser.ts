import type { Issue, Node, Result } from '../read';
import type { Change } from '../types';

/** What a parser gets: the record and its request/response, each with its JSON path. */
export interface ParserContext {
  readonly eventName: string;
  readonly record: Node;
  readonly request: Node;
  readonly response: Node;
}

export type ParseOutcome =
  | { readonly tag: 'change'; readonly change: Change }
  | { readonly tag: 'invalid'; readonly issue: Issue }
  | { readonly tag: 'ignored'; readonly reason: string };

/** Reads one event family. Pure and total: never throws. */
export type EventParser = (ctx: ParserContext) => ParseOutcome;

export function fromResult(result: Result<Change>): ParseOutcome {
  return result.ok ? { tag: 'change', change: result.value } : { tag: 'invalid', issue: result.issue };
}

export function ignored(reason: string): ParseOutcome {
  return { tag: 'ignored', reason };
}
