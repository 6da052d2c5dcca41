// Two EC2 calls against canned XML (no network): the request bodies and parsed outputs. The EC2 Query
// protocol names every field through the schema keys the tree-shaking plugin rewrites. Run as a
// script (the bundle), it prints them as JSON.
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';

const NS = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
const RESPONSES = [
  `<DescribeSecurityGroupsResponse ${NS}><requestId>r1</requestId><securityGroupInfo><item>` +
    '<ownerId>123456789012</ownerId><groupId>sg-1</groupId><groupName>web</groupName>' +
    '<groupDescription>web tier</groupDescription><vpcId>vpc-1</vpcId><ipPermissions><item>' +
    '<ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><groups><item>' +
    '<userId>123456789012</userId><groupId>sg-2</groupId></item></groups><ipRanges><item>' +
    '<cidrIp>0.0.0.0/0</cidrIp><description>public</description></item></ipRanges></item></ipPermissions>' +
    '<tagSet><item><key>Role</key><value>web</value></item></tagSet></item></securityGroupInfo>' +
    '</DescribeSecurityGroupsResponse>',
  `<AuthorizeSecurityGroupIngressResponse ${NS}><requestId>r2</requestId><return>true</return>` +
    '<securityGroupRuleSet><item><securityGroupRuleId>sgr-1</securityGroupRuleId><groupId>sg-1</groupId>' +
    '<isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>' +
    '<cidrIpv4>0.0.0.0/0</cidrIpv4></item></securityGroupRuleSet></AuthorizeSecurityGroupIngressResponse>',
];

export async function probeEc2() {
  const requests: string[] = [];
  const ec2 = new EC2Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: {
      handle: async (request: { body?: unknown }) => {
        requests.push(String(request.body));
        const body = Readable.from([Buffer.from(RESPONSES[requests.length - 1] ?? '')]);
        return { response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body } };
      },
    },
  });

  const { $metadata: _d, ...described } = await ec2.send(
    new DescribeSecurityGroupsCommand({
      GroupIds: ['sg-1'],
      Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }],
    }),
  );
  const { $metadata: _a, ...authorized } = await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: 'sg-1',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'public' }],
          UserIdGroupPairs: [{ GroupId: 'sg-2' }],
        },
      ],
    }),
  );
  return { requests, described, authorized };
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.stdout.write(JSON.stringify(await probeEc2()));
