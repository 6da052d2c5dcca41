import { type HttpRequest, type HttpResponse, textResponse } from './http';
import { confirmDecision, type LinkDeps, showDecision } from './link-actions';
import { DECIDE_PATH } from './signed-link';
import { handleSlackInteraction, type SlackInteractionDeps } from './slack-interaction';

/** Where Slack's Interactivity Request URL points: `<publicUrl>/slack/actions`. */
export const SLACK_ACTIONS_PATH = '/slack/actions';

export type ActionsDeps = SlackInteractionDeps & LinkDeps;

type Route = (req: HttpRequest, deps: ActionsDeps) => Promise<HttpResponse>;

const ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  [SLACK_ACTIONS_PATH]: { POST: handleSlackInteraction },
  [DECIDE_PATH]: { GET: showDecision, POST: confirmDecision },
};

/** The actions endpoint: Slack interactivity and the signed-link pages. Unexpected errors become a 500. */
export async function routeAction(req: HttpRequest, deps: ActionsDeps): Promise<HttpResponse> {
  const methods = ROUTES[req.path.replace(/\/+$/, '') || '/'];
  if (!methods) return textResponse(404, 'not found');
  const route = methods[req.method.toUpperCase()];
  if (!route) {
    const refusal = textResponse(405, 'method not allowed');
    return { ...refusal, headers: { ...refusal.headers, allow: Object.keys(methods).join(', ') } };
  }
  try {
    return await route(req, deps);
  } catch (error) {
    deps.log?.('actions request failed', {
      path: req.path,
      error: error instanceof Error ? error.message : String(error),
    });
    return textResponse(500, 'internal error; see the logs');
  }
}
