import type { Filter } from '@aws-sdk/client-ec2';
import { Ec2ReadError } from './ec2-errors';

/** EC2 accepts at most 200 values in one filter: longer id lists are split into several calls. */
export const FILTER_VALUE_LIMIT = 200;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Distinct ids in first-seen order; absent = none. */
export function distinct(ids: readonly string[] | undefined): string[] {
  return [...new Set(ids ?? [])];
}

export function filterOf(name: string, values: readonly string[]): Filter[] {
  return [{ Name: name, Values: [...values] }];
}

/** One page of a paginated EC2 answer: its items and the token of the next page. */
export interface Page<T> {
  readonly items: readonly T[] | undefined;
  readonly nextToken: string | undefined;
}

/** Follows NextToken until the last page; `fetch` makes one request per page. */
export async function paginate<T>(
  api: string,
  fetch: (token: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(page.items ?? []));
    token = page.nextToken || undefined;
    if (token !== undefined && seen.has(token))
      throw new Ec2ReadError(`ec2:${api}: pagination token repeated (${token}); stopping`);
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
  return out;
}

/** Runs at most `concurrency` tasks at once; the others wait in call order (a freed slot is handed over). */
export function createLimiter(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  const limit = Math.max(1, Math.floor(concurrency));
  const waiting: (() => void)[] = [];
  let running = 0;
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

export function clamp(value: number, range: { readonly min: number; readonly max: number }): number {
  return Math.min(range.max, Math.max(range.min, Math.floor(value)));
}

/** First item per key (the same ENI or NACL can match two lookups); items without a key are kept. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string | undefined): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (k === undefined) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
