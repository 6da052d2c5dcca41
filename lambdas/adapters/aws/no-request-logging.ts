/** A client's middleware stack, as far as removing a named step goes (every SDK v3 client). */
interface WithMiddlewareStack {
  readonly middlewareStack: { remove(toRemove: string): boolean };
}

/**
 * Removes the SDK's request logger from `client`. Even with no logger configured (the SDK's no-op
 * logger), it copies every request's input and every answer's output through the sensitive-data
 * filter, walking the whole schema, before handing them to a `logger.info` that drops them: for a
 * BatchGetItem or Query of cached state items that is milliseconds of CPU per call. The guardian logs
 * what it does itself (Powertools Logger); the SDK's own errors still reach the caller.
 */
export function withoutRequestLogging<T extends WithMiddlewareStack>(client: T): T {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
