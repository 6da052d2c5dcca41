import type { Approvals } from '../../core/config/schema';
import type { AsyncRunner, ReplayGuard, SlackResponse, UserGroupDirectory } from '../ports';
import { type Approver, slackApprover } from './approver';
import { mayDecide } from './authorize';
import {
  type Claimed,
  claimDecision,
  type DecideDeps,
  type DecisionAction,
  recordDenied,
  releaseClaim,
} from './decide';
import type { DecisionJob } from './decision-job';
import { choiceOf } from './decisions';
import { emptyResponse, type HttpRequest, type HttpResponse, textResponse } from './http';
import { alreadyDecided, decidedMessage, ephemeral, type OriginalMessage } from './slack-replies';
import { SLACK_MAX_SKEW_SECONDS, verifySlackSignature } from './slack-signature';

export interface SlackInteractionDeps extends DecideDeps {
  /** The Slack app's signing secret; undefined when not configured (every request is refused). */
  readonly signingSecret: () => Promise<string | undefined>;
  readonly replay: ReplayGuard;
  readonly approvals: Approvals;
  readonly userGroups?: UserGroupDirectory;
  readonly runner: AsyncRunner<DecisionJob>;
  /** Reads the interactivity payload (the Slack adapter's parseSlackClick). */
  readonly parseClick: (rawBody: string) => SlackClickParse;
  readonly log?: (message: string, detail?: Record<string, unknown>) => void;
}

/** A click on Revert, Apply fix or Keep, as the Slack adapter read it from the payload. */
export interface SlackClick {
  readonly action: DecisionAction;
  readonly user: { readonly id: string; readonly username?: string; readonly name?: string };
  readonly eventId: string;
  /** At least one; the first identifies the decision. */
  readonly findingIds: readonly string[];
  readonly responseUrl?: string;
  readonly original?: OriginalMessage;
}

export type SlackClickParse =
  | { readonly status: 'click'; readonly click: SlackClick }
  | { readonly status: 'ignore' }
  | { readonly status: 'invalid'; readonly reason: string }
  | {
      /** Our decision value under an action_id we never send (e.g. `toString`): rejected and audited. */
      readonly status: 'unknown-action';
      readonly actionId: string;
      readonly user: SlackClick['user'];
      readonly findingIds: readonly string[];
    };

/**
 * POST from Slack interactivity. Verifies the signature and timestamp, refuses replays, checks the
 * user, claims the decision, and answers at once; the revert and the message update run after.
 */
export async function handleSlackInteraction(
  req: HttpRequest,
  deps: SlackInteractionDeps,
): Promise<HttpResponse> {
  const refusal = await authenticate(req, deps);
  if (refusal) return refusal;
  const parsed = deps.parseClick(req.body);
  if (parsed.status === 'ignore') return emptyResponse(); // another app's button: nothing to do
  if (parsed.status === 'invalid') return textResponse(400, parsed.reason);
  if (parsed.status === 'unknown-action') {
    const reason = `unknown action ${JSON.stringify(parsed.actionId.slice(0, 64))}: nothing was changed`;
    deps.log?.('one-click refused', { approver: slackApprover(parsed.user).label, reason });
    await recordDenied(parsed.findingIds[0]!, slackApprover(parsed.user), reason, deps);
    return textResponse(400, reason);
  }
  const { click } = parsed;
  const findingId = click.findingIds[0]!;
  const reply = (message: SlackResponse) => followUp(click, deps, message);
  const approver = slackApprover(click.user);
  const authorization = await mayDecide(click.user.id, deps.approvals, deps.userGroups);
  if (!authorization.allowed) {
    deps.log?.('one-click refused', { approver: approver.label, reason: authorization.reason });
    await recordDenied(findingId, approver, authorization.reason, deps);
    await reply(
      ephemeral('You are not allowed to revert, fix or keep sg-guardian findings. Nothing was changed.'),
    );
    return emptyResponse();
  }
  const claim = await claimDecision({ findingId, eventId: click.eventId }, click.action, approver, deps);
  if (claim.status === 'unknown')
    await reply(
      ephemeral('Nothing done: this alert has no pending decision any more (it expired or was never saved).'),
    );
  else if (claim.status === 'outdated')
    await reply(
      ephemeral('Nothing done: a newer change raised this finding again; decide on the newer alert.'),
    );
  else if (claim.status === 'taken') await reply(alreadyDecided(claim.decision));
  else if (claim.status === 'mismatch')
    await reply(
      ephemeral(
        `Nothing done: this alert offers ${choiceOf(claim.decision) === 'apply-fix' ? 'Apply fix' : 'Revert'}, not the button that was sent.`,
      ),
    );
  else if (click.action === 'keep')
    await reply(decidedMessage(claim.decision, click.user.id, click.original));
  else await startRevert(claim, click, approver, deps);
  return emptyResponse();
}

/** Hands the claimed revert to the runner; if it cannot even start, the claim is given back and the error rethrown. */
async function startRevert(
  claim: Claimed,
  click: SlackClick,
  approver: Approver,
  deps: SlackInteractionDeps,
) {
  try {
    await deps.runner.start({
      kind: 'revert',
      eventId: claim.decision.eventId,
      findingIds: claim.findingIds,
      approver,
      slackUserId: click.user.id,
      ...(click.responseUrl && { responseUrl: click.responseUrl }),
      ...(click.original && { original: click.original }),
    });
  } catch (error) {
    await releaseClaim(claim, `the revert could not be started: ${(error as Error).message}`, deps);
    throw error;
  }
}

/** A refusal when the request is not Slack's, too old, or already used; undefined when it may go on. */
async function authenticate(req: HttpRequest, deps: SlackInteractionDeps): Promise<HttpResponse | undefined> {
  const signingSecret = await deps.signingSecret();
  if (!signingSecret) return textResponse(503, 'Slack interactivity is not configured');
  const timestamp = req.headers['x-slack-request-timestamp'];
  const signature = req.headers['x-slack-signature'];
  const now = deps.clock.now();
  const check = verifySlackSignature({ signingSecret, timestamp, signature, rawBody: req.body, now });
  if (!check.ok) {
    deps.log?.('slack request refused', { reason: check.reason, sourceIp: req.sourceIp });
    return textResponse(401, 'invalid request signature');
  }
  // Within the window a captured request would still verify: its signature may be used once.
  const until = new Date((Number(timestamp) + 2 * SLACK_MAX_SKEW_SECONDS) * 1000);
  if (!(await deps.replay.firstUse(`slack:${signature}`, until))) {
    deps.log?.('slack request replayed', { sourceIp: req.sourceIp });
    return textResponse(409, 'request already handled');
  }
  return undefined;
}

/** Replies through response_url after the acknowledgement (a message without one gets none). */
async function followUp(
  click: SlackClick,
  deps: SlackInteractionDeps,
  message: SlackResponse,
): Promise<void> {
  if (click.responseUrl) await deps.runner.start({ kind: 'reply', responseUrl: click.responseUrl, message });
}
