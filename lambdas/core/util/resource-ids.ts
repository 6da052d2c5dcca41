import * as z from './zod-mini';

/**
 * The shapes of the EC2 resource ids sg-guardian reads, in one place.
 *
 * EC2 writes an id as its prefix and 8 hex digits (older resources) or 17 (since 2016-2018, e.g.
 * sg-0123456789abcdef0), lower case ("Resource IDs", Amazon EC2 User Guide). The check here is one
 * notch looser on the body: 1 to 17 lower-case letters or digits. It refuses what a malformed or forged
 * record carries (another prefix, upper case, whitespace, punctuation, an empty or over-long body) and
 * still admits the readable ids the examples and tests use (sg-0backend123). `isCanonicalId` tells the
 * exact AWS form apart.
 */
export const RESOURCE_KINDS = {
  'security-group': { prefix: 'sg', example: 'sg-0123456789abcdef0' },
  'security-group-rule': { prefix: 'sgr', example: 'sgr-0123456789abcdef0' },
  'network-interface': { prefix: 'eni', example: 'eni-0123456789abcdef0' },
  'eni-attachment': { prefix: 'eni-attach', example: 'eni-attach-0123456789abcdef0' },
  'network-acl': { prefix: 'acl', example: 'acl-0123456789abcdef0' },
  'nacl-association': { prefix: 'aclassoc', example: 'aclassoc-0123456789abcdef0' },
  'prefix-list': { prefix: 'pl', example: 'pl-0123456789abcdef0' },
  instance: { prefix: 'i', example: 'i-0123456789abcdef0' },
  'launch-template': { prefix: 'lt', example: 'lt-0123456789abcdef0' },
  subnet: { prefix: 'subnet', example: 'subnet-0123456789abcdef0' },
  vpc: { prefix: 'vpc', example: 'vpc-0123456789abcdef0' },
} as const;

export type ResourceKind = keyof typeof RESOURCE_KINDS;

const PATTERNS = Object.fromEntries(
  Object.entries(RESOURCE_KINDS).map(([kind, { prefix }]) => [kind, new RegExp(`^${prefix}-[0-9a-z]{1,17}$`)]),
) as Record<ResourceKind, RegExp>;

const CANONICAL = Object.fromEntries(
  Object.entries(RESOURCE_KINDS).map(([kind, { prefix }]) => [
    kind,
    new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`),
  ]),
) as Record<ResourceKind, RegExp>;

/** Is `value` an id of this kind (see above for how strict)? */
export function isResourceId(kind: ResourceKind, value: unknown): value is string {
  return typeof value === 'string' && PATTERNS[kind].test(value);
}

/** Is `value` an id exactly as EC2 writes it: prefix and 8 or 17 lower-case hex digits? */
export function isCanonicalId(kind: ResourceKind, value: unknown): value is string {
  return typeof value === 'string' && CANONICAL[kind].test(value);
}

/** "a security group id like sg-0123456789abcdef0", for messages. */
export function describeId(kind: ResourceKind): string {
  const name = kind.replace(/-/g, ' ');
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} id like ${RESOURCE_KINDS[kind].example}`;
}

/** A zod string that must be an id of `kind`. */
export function resourceIdSchema(kind: ResourceKind): z.ZodMiniString<string> {
  return z.string().check(z.regex(PATTERNS[kind], describeId(kind)));
}
