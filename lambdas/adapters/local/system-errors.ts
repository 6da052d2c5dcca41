import { EnvironmentError } from '../../core/errors';

/** A network, DNS or socket failure of the machine we run on, explained: what failed and what to do. */
export class SystemError extends EnvironmentError {
  override readonly name = 'SystemError';
}

interface SystemErrorShape {
  readonly code?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  readonly syscall?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

const ADVICE: Readonly<Record<string, (where: string, e: SystemErrorShape) => string>> = {
  ECONNREFUSED: (w) =>
    `connection refused by ${w}: nothing listens there — check AWS_ENDPOINT_URL (or the endpoint you set) and that the service is up`,
  ECONNRESET: (w) => `the connection to ${w} was reset: retry, and check proxies or firewalls in between`,
  ETIMEDOUT: (w) => `the connection to ${w} timed out: check the network, proxies and the endpoint`,
  EHOSTUNREACH: (w) => `${w} is unreachable from this machine: check the network and routes`,
  ENETUNREACH: (w) => `the network of ${w} is unreachable from this machine: check the network`,
  ENOTFOUND: (_, e) =>
    `cannot resolve ${String(e.hostname ?? 'the host name')}: check the DNS, the network, the region name and AWS_ENDPOINT_URL`,
  EAI_AGAIN: (_, e) =>
    `DNS lookup of ${String(e.hostname ?? 'the host name')} failed for now: check the network and DNS, then retry`,
  EADDRINUSE: (w) => `${w} is already in use: choose another --port (0 picks a free one) or stop the other process`,
  EACCES: (w, e) =>
    e.syscall === 'listen'
      ? `not allowed to listen on ${w}: use a port above 1023`
      : `permission denied (${String(e.syscall ?? 'access')} ${w})`,
  EADDRNOTAVAIL: (w) => `${w} is not an address of this machine`,
};

/** The first error down the `cause` chain (and inside AggregateErrors) that carries a known system code. */
function findSystemError(error: unknown, depth = 0): SystemErrorShape | undefined {
  if (depth > 8 || error === null || typeof error !== 'object') return undefined;
  const e = error as SystemErrorShape;
  if (typeof e.code === 'string' && e.code in ADVICE) return e;
  if (Array.isArray(e.errors))
    for (const inner of e.errors) {
      const found = findSystemError(inner, depth + 1);
      if (found) return found;
    }
  return findSystemError(e.cause, depth + 1);
}

/**
 * A SystemError explaining `error` when it is (or was caused by) a network, DNS or socket failure;
 * `what` names the operation that failed (e.g. `ec2:DescribeSecurityGroups`, `DynamoDB audit table`).
 */
export function explainSystemError(error: unknown, what?: string): SystemError | undefined {
  const found = findSystemError(error);
  if (!found) return undefined;
  const host = typeof found.address === 'string' ? found.address : undefined;
  const port = typeof found.port === 'number' || typeof found.port === 'string' ? found.port : undefined;
  const where = host ? `${host}${port !== undefined ? `:${port}` : ''}` : port !== undefined ? `port ${port}` : 'the endpoint';
  const code = String(found.code);
  const prefix = what ? `${what} failed: ` : '';
  return new SystemError(`${prefix}${ADVICE[code]!(where, found)} (${code})`, { cause: error });
}
