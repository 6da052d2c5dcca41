import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/** Node publishes every outgoing HTTP request here once it is given a socket (node:http). */
const REQUEST_START = 'http.client.request.start';

/**
 * Runs `task` (at most once) as soon as the HTTP requests started so far have all been written to
 * their sockets: CPU work that can wait, such as compiling a module needed later, then runs while
 * the answers are on their way instead of delaying the requests themselves (a compile blocks the
 * thread that would connect and write them). A request started meanwhile postpones it again. The
 * returned function cancels what has not run yet (the task then does not run at all).
 */
export function afterRequestsSent(task: () => void): () => void {
  const pending = new Set<ClientRequest>();
  let seen = 0;
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    unsubscribe(REQUEST_START, onStart);
  };
  const settle = () => {
    // A turn later: requests started by code that ran alongside the last write are counted too.
    setImmediate(() => {
      if (done || pending.size > 0) return;
      stop();
      task();
    });
  };
  function onStart(message: unknown): void {
    const request = (message as { request?: ClientRequest }).request;
    if (!request) return;
    seen += 1;
    pending.add(request);
    const sent = () => {
      pending.delete(request);
      if (pending.size === 0 && seen > 0) settle();
    };
    request.once('finish', sent);
    request.once('close', sent);
  }
  subscribe(REQUEST_START, onStart);
  return stop;
}
