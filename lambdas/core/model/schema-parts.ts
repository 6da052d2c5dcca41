/**
 * The pieces the describe-* document schemas (schemas.ts) share: EC2 protocols and CIDRs normalised,
 * lists AWS may leave out, tags, and the port check of a rule (zod mini: util/zod-mini.ts).
 */
import { normalizeCidr } from '../util/cidr';
import { hasPorts, normalizeProtocol } from '../util/protocol';
import * as z from '../util/zod-mini';

export const text = z.string();

/** A transform's refusal: a custom issue on the value (what the classic API's ctx.addIssue records). */
function failed(payload: z.core.ParsePayload, message: string): never {
  payload.issues.push({ code: 'custom', message, input: payload.value });
  return z.NEVER;
}

export const port = z.int();

/** An EC2 protocol ('tcp', '6', '-1', ...) normalised with normalizeProtocol. */
export const protocol = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((value: string | number, ctx) => {
    const normalized = normalizeProtocol(value);
    return normalized ?? failed(ctx, `not an IP protocol: ${JSON.stringify(value)}`);
  }),
);

/** A CIDR of one family (or either), normalised with normalizeCidr (strict: see util/cidr-strict.ts). */
function cidrOf(family?: 'ipv4' | 'ipv6') {
  return z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      const normalized = normalizeCidr(value);
      const wrongFamily = family !== undefined && normalized?.includes(':') !== (family === 'ipv6');
      if (normalized === undefined || wrongFamily) {
        const message =
          normalized === undefined
            ? `not a CIDR: ${JSON.stringify(value)}`
            : `expected an ${family === 'ipv6' ? 'IPv6' : 'IPv4'} CIDR, got ${JSON.stringify(value)}`;
        return failed(ctx, message);
      }
      return normalized;
    }),
  );
}
export const cidr = cidrOf();
export const cidrV4 = cidrOf('ipv4');
export const cidrV6 = cidrOf('ipv6');


/** A list that may be absent (AWS leaves empty lists out): [] when it is. */
export function listOf<T extends z.core.SomeType>(item: T) {
  return z._default(z.array(item), []);
}

export const Tags = z.optional(z.array(z.object({ Key: text, Value: text })));

/** tcp/udp need both ports, in order; other protocols carry -1 or ICMP type/code. */
export function checkPorts(
  rule: { IpProtocol: string; FromPort?: number | undefined; ToPort?: number | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (!hasPorts(rule.IpProtocol)) return;
  if (rule.FromPort === undefined || rule.ToPort === undefined) {
    const field = rule.FromPort === undefined ? 'FromPort' : 'ToPort';
    ctx.addIssue({ code: 'custom', path: [field], message: `missing (required for ${rule.IpProtocol})` });
  } else if (rule.FromPort > rule.ToPort) {
    ctx.addIssue({
      code: 'custom',
      path: ['ToPort'],
      message: `ToPort ${rule.ToPort} < FromPort ${rule.FromPort}`,
    });
  }
}
