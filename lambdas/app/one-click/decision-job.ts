import type { SlackResponder, SlackResponse } from '../ports';
import type { Approver } from './approver';
import { completeRevert, type DecideDeps } from './decide';
import { decidedMessage, type OriginalMessage } from './slack-replies';

/** Work done after Slack got its answer: a reply, or a claimed revert and its reply. */
export type DecisionJob =
  | { readonly kind: 'reply'; readonly responseUrl: string; readonly message: SlackResponse }
  | {
      readonly kind: 'revert';
      readonly eventId: string;
      /** The claimed finding ids, the event's lock first. */
      readonly findingIds: readonly string[];
      readonly approver: Approver;
      readonly slackUserId: string;
      readonly responseUrl?: string;
      readonly original?: OriginalMessage;
    };

export interface DecisionJobDeps extends DecideDeps {
  readonly responder: SlackResponder;
}

export type JobResult = { readonly status: 'done' } | { readonly status: 'ignored'; readonly reason: string };

/**
 * Runs one job. A revert runs only when its lock is 'reverting' and claimed by the same approver, so
 * a job cannot revert anything nobody claimed.
 */
export async function runDecisionJob(job: DecisionJob, deps: DecisionJobDeps): Promise<JobResult> {
  if (job.kind === 'reply') {
    await deps.responder.respond(job.responseUrl, job.message);
    return { status: 'done' };
  }
  const lockId = job.findingIds[0];
  const lock = lockId ? await deps.decisions.get(lockId) : undefined;
  if (
    !lock ||
    lock.eventId !== job.eventId ||
    lock.status !== 'reverting' ||
    lock.decidedBy !== job.approver.label
  )
    return { status: 'ignored', reason: `no revert of ${lockId} claimed by ${job.approver.label}` };
  const finished = await completeRevert(
    { status: 'claimed', decision: lock, findingIds: job.findingIds },
    job.approver,
    deps,
  );
  if (job.responseUrl)
    await deps.responder.respond(job.responseUrl, decidedMessage(finished, job.slackUserId, job.original));
  return { status: 'done' };
}
