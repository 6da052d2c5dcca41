import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MadeChange } from './changes';
import type { IdMap } from './id-map';
import type { RecordedCall } from './recording-proxy';

type Json = Record<string, unknown>;

/** An example incident as EventBridge delivers it (examples/events/<name>.json). */
export function exampleEvent(name: string): Json {
  return JSON.parse(readFileSync(join('examples', 'events', `${name}.json`), 'utf8')) as Json;
}

/** CloudTrail's second-precision UTC time, e.g. 2026-11-20T03:42:05Z. */
function cloudTrailTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The EventBridge event of a call the test made in moto (moto has no CloudTrail): the example record
 * with moto's ids, the time of the call, fresh event and request ids, and the response the call got
 * (with the requestId CloudTrail copies from it). A failed call keeps the example's error and null response.
 */
export function recordOf(example: Json, ids: IdMap, made: MadeChange | undefined, at = new Date()): Json {
  const event = ids.toReal(example);
  const detail = event.detail as Json;
  const time = cloudTrailTime(at);
  return {
    ...event,
    id: randomUUID(),
    time,
    detail: {
      ...detail,
      eventTime: time,
      requestID: made?.requestId ?? randomUUID(),
      eventID: randomUUID(),
      ...(made && { responseElements: { requestId: made.requestId, ...made.responseElements } }),
    },
  };
}

/** The role the evaluator runs as in these tests (SG_GUARDIAN_ROLE_ARN). */
export const GUARDIAN_ROLE = 'arn:aws:iam::123456789012:role/sg-guardian-evaluator';

/**
 * userIdentity of a call made by the evaluator Lambda's role (an assumed-role session named after the
 * function), shaped as AWS documents it for temporary credentials of an assumed role:
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
function guardianIdentity(): Json {
  return {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLEGUARDIAN:sg-guardian-evaluator',
    arn: 'arn:aws:sts::123456789012:assumed-role/sg-guardian-evaluator/sg-guardian-evaluator',
    accountId: '123456789012',
    accessKeyId: 'ASIAEXAMPLEGUARDIAN',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEGUARDIAN',
        arn: GUARDIAN_ROLE,
        accountId: '123456789012',
        userName: 'sg-guardian-evaluator',
      },
      attributes: { creationDate: '2026-11-20T08:55:12Z', mfaAuthenticated: 'false' },
    },
  };
}

/** Indexed query fields `Prefix.1.X`, `Prefix.2.X` ... as one object per index (in index order). */
function indexed(params: Readonly<Record<string, string>>, prefix: string): Record<string, string>[] {
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(params)) {
    const match = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.(.+))?$`).exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const entry = byIndex.get(index) ?? {};
    entry[match[2] ?? ''] = value;
    byIndex.set(index, entry);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
}

/** Sub-fields `Name.N.X` of one indexed entry, e.g. the IpRanges of one permission. */
function nested(entry: Record<string, string>, name: string) {
  return indexed(entry, name);
}

const set = (list: Json[]) => (list.length ? { items: list } : {});
const optional = (key: string, value: string | undefined) => (value === undefined ? {} : { [key]: value });

/** The EC2 query fields of an SG call (IpPermissions.N...) as CloudTrail's requestParameters.ipPermissions. */
function ipPermissions(params: Readonly<Record<string, string>>): Json {
  return set(
    indexed(params, 'IpPermissions').map((p) => ({
      ipProtocol: p.IpProtocol,
      ...(p.FromPort !== undefined && { fromPort: Number(p.FromPort) }),
      ...(p.ToPort !== undefined && { toPort: Number(p.ToPort) }),
      groups: set(nested(p, 'Groups').map((g) => ({ ...optional('groupId', g.GroupId), ...optional('userId', g.UserId), ...optional('description', g.Description) }))),
      ipRanges: set(nested(p, 'IpRanges').map((r) => ({ ...optional('cidrIp', r.CidrIp), ...optional('description', r.Description) }))),
      ipv6Ranges: set(nested(p, 'Ipv6Ranges').map((r) => ({ ...optional('cidrIpv6', r.CidrIpv6), ...optional('description', r.Description) }))),
      prefixListIds: set(nested(p, 'PrefixListIds').map((l) => ({ ...optional('prefixListId', l.PrefixListId), ...optional('description', l.Description) }))),
    })),
  );
}

/** requestParameters CloudTrail writes for the EC2 writes the reverter sends (the SG and ENI ones). */
const REQUEST_PARAMETERS: Readonly<Record<string, (params: Readonly<Record<string, string>>) => Json>> = {
  AuthorizeSecurityGroupIngress: (q) => ({ groupId: q.GroupId, ipPermissions: ipPermissions(q) }),
  RevokeSecurityGroupIngress: (q) => {
    const ruleIds = indexed(q, 'SecurityGroupRuleId').map((r) => ({ securityGroupRuleId: r[''] }));
    return {
      groupId: q.GroupId,
      ...(Object.keys(ipPermissions(q)).length ? { ipPermissions: ipPermissions(q) } : {}),
      ...(ruleIds.length ? { securityGroupRuleIds: { items: ruleIds } } : {}),
    };
  },
  ModifyNetworkInterfaceAttribute: (q) => ({
    networkInterfaceId: q.NetworkInterfaceId,
    groupSet: set(indexed(q, 'SecurityGroupId').map((g) => ({ groupId: g[''] }))),
  }),
};

/**
 * The CloudTrail event of a write the guardian itself sent (recorded on its way to moto), made by
 * its own role: what EventBridge delivers back to it after a revert. `response` is what the call
 * left (the rules an authorize added).
 */
export function ownRecord(template: Json, call: RecordedCall, response: Json, at = new Date()): Json {
  const toParameters = REQUEST_PARAMETERS[call.action];
  if (!toParameters) throw new Error(`no CloudTrail shape for ${call.action} in the emulator suite`);
  // A Lambda's call is no console session: the user's sessionCredentialFromConsole does not carry over.
  const { sessionCredentialFromConsole: _console, ...detail } = template.detail as Json;
  const time = cloudTrailTime(at);
  const requestId = randomUUID();
  return {
    ...template,
    id: randomUUID(),
    time,
    detail: {
      ...detail,
      userIdentity: guardianIdentity(),
      eventTime: time,
      eventName: call.action,
      sourceIPAddress: '3.250.0.10',
      userAgent: 'aws-sdk-js/3.1169.0 ua/2.1 os/linux lang/js md/nodejs#20 api/ec2#3.1169.0 exec-env/AWS_Lambda_nodejs20.x',
      requestParameters: toParameters(call.params),
      responseElements: { requestId, _return: true, ...response },
      requestID: requestId,
      eventID: randomUUID(),
    },
  };
}
