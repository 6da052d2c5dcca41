/**
 * Where moto 5.2.2 differs from AWS, and how this suite's set-up makes up for it (the product is not
 * changed for any of them):
 *  - no CloudTrail: each call's record is built from the example record and the call's answer (cloudtrail.ts);
 *  - a new VPC's default group lacks the all-traffic-from-itself ingress rule AWS gives it: added (example-account.ts);
 *  - a new NACL lists no catch-all deny (rule 32767, both ways) as AWS does: added (example-account.ts);
 *  - an attached ENI shows its instance's launch groups too: the ENIs stay unattached (example-account.ts);
 *  - a revoke by IpPermissions must match the stored description: the call carries it, the record not (changes.ts);
 *  - Authorize answers list only the last permission's rules, with no GroupOwnerId: the record's
 *    securityGroupRuleSet is read back with DescribeSecurityGroupRules (changes.ts);
 *  - DescribeSecurityGroupRules drops the description of group-referencing rules: filled in below;
 *  - HTTP subscriptions need no SubscriptionConfirmation (sns-subscriber.ts ignores one anyway).
 */
import { DescribeSecurityGroupsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { rulesOf } from './account-view';
import { ruleContent } from './example-account';
import type { RecordedCall } from './recording-proxy';

const ITEM = '<item><securityGroupRuleId>';
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * moto's DescribeSecurityGroupRules leaves out the description of a rule that references a group
 * (it keeps descriptions of CIDR rules only); AWS lists it. The guardian reads its state from this
 * call, so without the description it would re-create such a rule without one. This fills it in, in
 * the answer on its way back, from DescribeSecurityGroups (where moto keeps it), so the handlers see
 * what AWS would show.
 */
async function fillGroupRuleDescriptions(ec2: EC2Client, xml: string): Promise<string> {
  const parts = xml.split(ITEM);
  const missing = parts.slice(1).filter((p) => p.includes('<referencedGroupInfo>') && !p.split('</item>')[0]!.includes('<description>'));
  if (missing.length === 0) return xml;
  const groupIds = [...new Set(missing.map((p) => tag(p, 'groupId')!))];
  const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
  const descriptions = new Map(
    (out.SecurityGroups ?? []).flatMap(rulesOf).map((r) => [ruleContent(r), r.Description] as const),
  );
  const filled = parts.slice(1).map((part) => {
    if (!missing.includes(part)) return part;
    const [head = '', referenced = ''] = part.split('<referencedGroupInfo>');
    const rule = {
      GroupId: tag(head, 'groupId'),
      IsEgress: tag(head, 'isEgress') === 'true',
      IpProtocol: tag(head, 'ipProtocol'),
      FromPort: Number(tag(head, 'fromPort')),
      ToPort: Number(tag(head, 'toPort')),
      ReferencedGroupInfo: { GroupId: tag(referenced, 'groupId') },
    };
    const description = descriptions.get(ruleContent(rule));
    return description ? part.replace('</referencedGroupInfo>', `</referencedGroupInfo><description>${escapeXml(description)}</description>`) : part;
  });
  return [parts[0], ...filled].join(ITEM);
}

/** Answers of moto the recording proxy corrects on their way to the handlers (see each function). */
export function motoGapFixer(ec2: EC2Client) {
  return async (call: RecordedCall, body: string): Promise<string> =>
    call.service === 'ec2' && call.action === 'DescribeSecurityGroupRules' ? fillGroupRuleDescriptions(ec2, body) : body;
}
