import { z } from 'zod';
import type { DecisionAction } from '../../app/one-click/decide';
import type { SlackClickParse } from '../../app/one-click/slack-interaction';
import { decodeDecisionValue, SLACK_ACTION_IDS } from './slack-decision';

const PayloadSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional() }),
  response_url: z.string().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
  message: z.object({ text: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
});

/** Our buttons' action_ids. A Map, never a plain object: `toString` or `__proto__` must not resolve. */
const ACTIONS: ReadonlyMap<string, DecisionAction> = new Map([
  [SLACK_ACTION_IDS.revert, 'revert'],
  [SLACK_ACTION_IDS.applyFix, 'apply-fix'],
  [SLACK_ACTION_IDS.keep, 'keep'],
]);

/**
 * Reads a Slack interactivity body (`payload=<json>`, form-encoded): a click on our Revert / Apply fix / Keep
 * button, another app's action ('ignore'), or something else ('invalid'). Never throws.
 */
export function parseSlackClick(rawBody: string): SlackClickParse {
  const raw = new URLSearchParams(rawBody).get('payload');
  if (!raw) return { status: 'invalid', reason: 'no payload field' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status: 'invalid', reason: 'payload is not JSON' };
  }
  const parsed = PayloadSchema.safeParse(json);
  if (!parsed.success) return { status: 'invalid', reason: 'not a block_actions payload' };
  const p = parsed.data;
  const clicked = p.actions.find((a) => ACTIONS.has(a.action_id));
  if (!clicked) {
    // A button carrying one of our decision values but an action_id we never send: rejected and audited.
    for (const a of p.actions) {
      const ours = decodeDecisionValue(a.value ?? '');
      if (ours && ours.findingIds.length > 0)
        return { status: 'unknown-action', actionId: a.action_id, user: p.user, findingIds: ours.findingIds };
    }
    return { status: 'ignore' };
  }
  const value = decodeDecisionValue(clicked.value ?? '');
  if (!value || value.findingIds.length === 0)
    return { status: 'invalid', reason: 'the button value names no finding' };
  return {
    status: 'click',
    click: {
      action: ACTIONS.get(clicked.action_id)!,
      user: p.user,
      eventId: value.eventId,
      findingIds: value.findingIds,
      ...(p.response_url && { responseUrl: p.response_url }),
      ...(p.message && { original: p.message }),
    },
  };
}
