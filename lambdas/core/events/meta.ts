import { at, child, looseStr, type Node, type Result, str } from './read';
import type { Actor, EventMeta } from './types';
import { classifyVia } from './via';

/** Who made the call, from userIdentity and the request context. Never fails: every field is optional. */
export function readActor(record: Node): Actor {
  const identity = child(record, 'userIdentity');
  const userAgent = looseStr(child(record, 'userAgent'));
  const type = looseStr(child(identity, 'type'));
  const actor = {
    arn: looseStr(child(identity, 'arn')),
    type,
    principalId: looseStr(child(identity, 'principalId')),
    accountId: looseStr(child(identity, 'accountId')),
    sessionIssuerArn: looseStr(at(identity, 'sessionContext', 'sessionIssuer', 'arn')),
    sourceIp: looseStr(child(record, 'sourceIPAddress')),
    userAgent,
    via: classifyVia({
      userAgent,
      identityType: type,
      invokedBy: looseStr(child(identity, 'invokedBy')),
      fromConsole: child(record, 'sessionCredentialFromConsole').value === 'true',
    }),
  };
  return dropUndefined(actor);
}

/** What could be read of the meta, and the full meta when eventID and eventName are present. */
export interface MetaReading {
  readonly partial: Partial<EventMeta>;
  readonly full: Result<EventMeta>;
}

export function readMeta(record: Node): MetaReading {
  const partial: Partial<EventMeta> = dropUndefined({
    eventId: looseStr(child(record, 'eventID')),
    eventName: looseStr(child(record, 'eventName')),
    eventTime: looseStr(child(record, 'eventTime')),
    awsRegion: looseStr(child(record, 'awsRegion')),
    accountId:
      looseStr(child(record, 'recipientAccountId')) ?? looseStr(at(record, 'userIdentity', 'accountId')),
    actor: readActor(record),
  });
  const eventId = str(child(record, 'eventID'));
  const eventName = str(child(record, 'eventName'));
  const missing = !eventId.ok ? eventId : !eventName.ok ? eventName : undefined;
  const full: Result<EventMeta> = missing ?? { ok: true, value: partial as EventMeta };
  return { partial, full };
}

/** Removes keys whose value is undefined, so results compare cleanly with toEqual. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
