import { z } from 'zod';
import { SLACK_LIMITS } from './slack-limits';

/** action_id of the decision buttons (Revert or Apply fix, and Keep); the interaction handler dispatches on these. */
export const SLACK_ACTION_IDS = {
  revert: 'sg-guardian:revert',
  applyFix: 'sg-guardian:apply-fix',
  keep: 'sg-guardian:keep',
} as const;

const DecisionValueSchema = z.object({
  eventId: z.string().min(1),
  findingIds: z.array(z.string().min(1)),
});

/** A button's value: only ids; the revert plan stays server-side (audit log / state). */
export type DecisionValue = z.infer<typeof DecisionValueSchema>;

/** JSON of at most 2,000 characters: finding ids that do not fit are left out (the event id still identifies the verdict). */
export function encodeDecisionValue(value: DecisionValue): string {
  const ids = [...value.findingIds];
  let json = JSON.stringify({ findingIds: ids, eventId: value.eventId });
  while (json.length > SLACK_LIMITS.buttonValue && ids.length > 0) {
    ids.pop();
    json = JSON.stringify({ findingIds: ids, eventId: value.eventId });
  }
  return json;
}

/** Reads a button value back; undefined when it is not one of ours. Never throws. */
export function decodeDecisionValue(value: string): DecisionValue | undefined {
  try {
    const parsed = DecisionValueSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
