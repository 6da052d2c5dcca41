import type { Actor } from './types';

export type Via = Actor['via'];

/** What the classifier looks at, all from the CloudTrail record. */
export interface ViaInput {
  readonly userAgent?: string;
  /** userIdentity.type (IAMUser, AssumedRole, AWSService, ...). */
  readonly identityType?: string;
  /** userIdentity.invokedBy, e.g. 'cloudformation.amazonaws.com'. */
  readonly invokedBy?: string;
  /** sessionCredentialFromConsole === 'true'. */
  readonly fromConsole?: boolean;
}

const SERVICE_HOST = /\.amazonaws\.com$/i;

/** First match wins; order matters (Terraform and the CLI also name an SDK in their user agent). */
const RULES: readonly (readonly [Via, (input: ViaInput, agent: string) => boolean])[] = [
  [
    'cloudformation',
    (i, a) => /cloudformation\.amazonaws\.com/i.test(a) || i.invokedBy === 'cloudformation.amazonaws.com',
  ],
  ['terraform', (_, a) => /terraform|hashicorp/i.test(a)],
  ['cli', (_, a) => /aws-cli\//i.test(a)],
  ['console', (_, a) => /^(console(\.[a-z0-9-]+)?|signin)\.amazonaws\.com$/i.test(a.trim())],
  ['console', (i, a) => i.fromConsole === true && (a === 'AWS Internal' || a.startsWith('Mozilla/'))],
  ['sdk', (_, a) => /aws-sdk-|boto3|botocore/i.test(a)],
  ['service', (i, a) => i.identityType === 'AWSService' || SERVICE_HOST.test(a.trim())],
  ['service', (i) => i.invokedBy !== undefined && SERVICE_HOST.test(i.invokedBy)],
];

/** How a call was made: console, cli, terraform, cloudformation, sdk, service, else unknown. */
export function classifyVia(input: ViaInput): Via {
  const agent = input.userAgent ?? '';
  return RULES.find(([, test]) => test(input, agent))?.[0] ?? 'unknown';
}
