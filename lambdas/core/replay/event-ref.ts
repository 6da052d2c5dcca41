import type { Actor } from '../events/types';
import type { Verdict } from '../verdict/types';
import type { EventRef } from './types';

/** Who made a call, as one key: the caller's ARN, else the role behind the session, else the id. */
export function principalOf(actor: Actor | undefined): string {
  return actor?.arn ?? actor?.sessionIssuerArn ?? actor?.principalId ?? 'unknown principal';
}

export function refOf(verdict: Verdict, source: string | undefined): EventRef {
  return {
    eventId: verdict.eventId,
    eventName: verdict.eventName,
    ...(verdict.eventTime === undefined ? {} : { eventTime: verdict.eventTime }),
    principal: principalOf(verdict.actor),
    ...(source === undefined ? {} : { source }),
  };
}
