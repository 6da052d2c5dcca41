import type { Clock } from '../ports';
import { linkApprover } from './approver';
import { claimDecision, completeRevert, type DecideDeps } from './decide';
import { formFields, type HttpRequest, type HttpResponse, htmlResponse } from './http';
import { confirmationPage, decidedPage, errorPage, resultPage } from './link-pages';
import { formToken, type LinkCheck, newNonce, verifyFormToken, verifyLink } from './signed-link';

export interface LinkDeps extends DecideDeps {
  /** undefined when no link secret is configured (every link request is refused). */
  readonly linkSecret: () => Promise<string | undefined>;
  /** Origin of approvals.publicUrl; a form posted from another origin is refused. */
  readonly publicOrigin?: string;
  readonly clock: Clock;
}

/** GET /decide: the confirmation page. Reads only; never changes anything. */
export async function showDecision(req: HttpRequest, deps: LinkDeps): Promise<HttpResponse> {
  const secret = await deps.linkSecret();
  if (!secret) return notConfigured();
  const check = verifyLink(secret, req.query, deps.clock.now());
  if (check.status !== 'valid') return linkError(check);
  const decision = await deps.decisions.get(check.findingId);
  if (!decision) return notFound();
  if (decision.status !== 'pending' && decision.status !== 'failed')
    return htmlResponse(200, decidedPage(decision, check.findingId));
  const nonce = newNonce();
  const binding = { findingId: check.findingId, eventId: decision.eventId, nonce, exp: check.exp };
  const fields = {
    f: check.findingId,
    exp: String(check.exp),
    sig: req.query.sig ?? '',
    event: decision.eventId,
    nonce,
    token: formToken(secret, binding),
  };
  const prefer = req.query.choice === 'keep' ? ({ prefer: 'keep' } as const) : {};
  return htmlResponse(200, confirmationPage(decision, fields, new Date(check.exp * 1000), prefer));
}

/**
 * POST /decide: the confirmed revert (or "Apply fix", as the decision offers and the page showed), once,
 * by whoever holds a valid link and the page's token; or Keep (`choice=keep`, the page's Keep button),
 * which leaves the change as it is and is recorded in the audit log.
 */
export async function confirmDecision(req: HttpRequest, deps: LinkDeps): Promise<HttpResponse> {
  const origin = req.headers.origin;
  if (origin && deps.publicOrigin && origin !== deps.publicOrigin)
    return htmlResponse(403, errorPage('Refused', `A form from ${origin} may not revert anything.`));
  const secret = await deps.linkSecret();
  if (!secret) return notConfigured();
  const form = formFields(req.body);
  const check = verifyLink(secret, form, deps.clock.now());
  if (check.status !== 'valid') return linkError(check);
  const fields = {
    findingId: check.findingId,
    exp: check.exp,
    eventId: form.event,
    nonce: form.nonce,
    token: form.token,
  };
  if (!verifyFormToken(secret, fields))
    return htmlResponse(
      403,
      errorPage('Refused', 'The form was not issued by this page. Open the link again.'),
    );
  const approver = linkApprover(req.sourceIp);
  const keep = form.choice === 'keep';
  const claim = await claimDecision(
    { findingId: check.findingId, eventId: form.event },
    keep ? 'keep' : 'as-offered',
    approver,
    deps,
  );
  if (claim.status === 'unknown') return notFound();
  if (claim.status === 'outdated' || claim.status === 'mismatch')
    return htmlResponse(
      409,
      errorPage(
        'Outdated',
        'A newer change raised this finding again since the page was opened. Open the link again.',
      ),
    );
  if (claim.status === 'taken') return htmlResponse(409, decidedPage(claim.decision, check.findingId));
  if (keep) return htmlResponse(200, resultPage(claim.decision, check.findingId));
  const finished = await completeRevert(claim, approver, deps);
  return htmlResponse(200, resultPage(finished, check.findingId));
}

function linkError(check: Exclude<LinkCheck, { status: 'valid' }>): HttpResponse {
  if (check.status === 'expired')
    return htmlResponse(
      410,
      errorPage(
        'Link expired',
        `This link expired at ${new Date(check.exp * 1000).toISOString()}. Revert by hand, or wait for the next alert.`,
      ),
    );
  return htmlResponse(403, errorPage('Invalid link', `This link is not valid: ${check.reason}.`));
}

function notConfigured(): HttpResponse {
  return htmlResponse(503, errorPage('Not configured', 'Signed links are not configured on this guardian.'));
}

function notFound(): HttpResponse {
  return htmlResponse(
    404,
    errorPage(
      'No pending decision',
      'There is no decision for this finding any more (it expired or was replaced).',
    ),
  );
}
