import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { formatCidr, parseCidrText } from '../../../lambdas/core/util/cidr-strict';

/** The documented normal form, computed with ipaddr.js (an independent oracle): network, RFC 5952. */
function oracle(address: string, bits: number): string {
  // Masks the bytes itself: ipaddr.js's networkAddressFromCIDR gets '::0.0.0.0/81' wrong.
  const bytes = ipaddr.parse(address).toByteArray();
  const masked = bytes.map((byte, i) => byte & (0xff << (8 - Math.max(0, Math.min(8, bits - i * 8)))) & 0xff);
  const network = ipaddr.fromByteArray(masked);
  const text = network.kind() === 'ipv6' ? (network as ipaddr.IPv6).toRFC5952String() : network.toString();
  return `${text}/${bits}`;
}

const v4 = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 }));
// ipaddr.js reads a dotted tail as IPv4-mapped ('::0.0.0.0' as ::ffff:0:0, RFC 4291 says ::0:0), so
// the oracle sees hex groups only; the dotted tails are covered by the examples below.
const v6 = fc.tuple(
  fc.ipV6().filter((a) => !a.includes('.')),
  fc.integer({ min: 0, max: 128 }),
);
const cidrParts = fc.oneof(v4, v6);

/** Other spellings EC2 accepts for the same IPv6 block: upper case, every group in full. */
function spellings(address: string): string[] {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return [address];
  // Every group in full: 0db8, 0000, ...
  const full = (parsed as ipaddr.IPv6).parts.map((p) => p.toString(16).padStart(4, '0')).join(":");
  return [address, address.toUpperCase(), full, full.toUpperCase()];
}

/** Malformed variants of a valid `address/bits`, each named after the mutation. */
function mutations(address: string, bits: number, position: number): [string, string][] {
  const max = address.includes(':') ? 128 : 32;
  const at = position % (address.length + 1);
  const spaced = (ws: string) => `${address.slice(0, at)}${ws}${address.slice(at)}/${bits}`;
  return [
    ['sign +', `${address}/+${bits}`],
    ['sign -', `${address}/-${bits}`],
    ['hex prefix', `${address}/0x${bits.toString(16)}`],
    ['exponent', `${address}/${bits}e0`],
    ['decimal point', `${address}/${bits}.0`],
    ['leading zero on the prefix', `${address}/0${bits}`],
    ['empty prefix', `${address}/`],
    ['no prefix', address],
    ['prefix above the maximum', `${address}/${max + 1 + (position % 1000)}`],
    ['extra slash', `${address}/${bits}/${bits}`],
    ['space in the address', spaced(' ')],
    ['tab in the address', spaced('\t')],
    ['newline before the slash', `${address}\n/${bits}`],
    ['whitespace after the prefix', `${address}/${bits} `],
    ['whitespace before the address', ` ${address}/${bits}`],
    ['no-break space', `${address}/${bits}\u00a0`],
    ['zone id', `${address}%eth0/${bits}`],
    ['brackets', `[${address}]/${bits}`],
  ];
}

describe('the strict CIDR parser', () => {
  it('round-trips every CIDR it accepts to its documented normal form', () => {
    fc.assert(
      fc.property(cidrParts, ([address, bits]) => {
        for (const text of spellings(address)) {
          // Act
          const parsed = parseCidrText(`${text}/${bits}`);

          // Assess
          expect(parsed && formatCidr(parsed)).toBe(oracle(address, bits));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads its own output back unchanged (the normal form is a fixed point)', () => {
    fc.assert(
      fc.property(cidrParts, ([address, bits]) => {
        // Prepare
        const normal = oracle(address, bits);

        // Act
        const parsed = parseCidrText(normal);

        // Assess
        expect(parsed && formatCidr(parsed)).toBe(normal);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts from arbitrary CIDR-like text only what is its own normal form, up to case, zeros and host bits', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF.:/ \t-+xe%'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 24 }), (text) => {
        // Act
        const parsed = parseCidrText(text);

        // Assess
        if (parsed === undefined) return;
        const [address = '', prefix = ''] = text.split('/');
        expect(prefix).toBe(String(parsed.bits));
        expect(formatCidr(parsed)).toBe(oracle(address, parsed.bits));
      }),
      { numRuns: 20000 },
    );
  });

  it('rejects every mutation of a valid CIDR: sign, hex, exponent, decimal point, whitespace, empty or oversized prefix, extra slash', () => {
    fc.assert(
      fc.property(cidrParts, fc.nat(), ([address, bits], position) => {
        for (const [name, text] of mutations(address, bits, position)) {
          // Act
          const parsed = parseCidrText(text);

          // Assess
          expect(parsed, `${name}: ${JSON.stringify(text)}`).toBeUndefined();
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['10.0.0.0/', 'the empty prefix that used to become 0.0.0.0/0'],
    ['10.0.0.0/-0', 'a negative zero prefix'],
    ['10.0.0.0/\t', 'a tab for a prefix'],
    ['10.0.0.0/1e1', 'an exponent'],
    ['010.0.0.0/8', 'a leading zero in an octet'],
    ['10.0.0/8', 'three octets'],
    ['10.0.0.256/32', 'an octet above 255'],
    ['1:2:3:4:5:6:7:8:9/128', 'nine IPv6 groups'],
    ['1::2::3/64', 'two ::'],
    ['12345::/16', 'a five-digit group'],
    ['::10.0.0.0.1/128', 'a five-part dotted tail'],
    ['10.0.0.0::/8', 'a dotted quad before ::'],
    ['', 'empty text'],
  ])('rejects %j (%s)', (text) => {
    // Act
    const parsed = parseCidrText(text);

    // Assess
    expect(parsed).toBeUndefined();
  });

  it.each([
    ['10.0.0.5/24', '10.0.0.0/24', 'host bits are cleared, as EC2 does'],
    ['::ffff:10.0.0.1/128', '::ffff:a00:1/128', 'a dotted-quad tail is written in hex'],
    ['::13.1.68.3/128', '::d01:4403/128', 'an IPv4-compatible tail (RFC 4291 §2.2 example)'],
    ['2001:DB8:0:0:8:800:200C:417A/64', '2001:db8::/64', 'RFC 4291 §2.2 example, upper case, host bits'],
    ['1:2:3:4:5:6:7::/128', '1:2:3:4:5:6:7:0/128', 'a single zero group is not compressed'],
    ['1:0:0:2:0:0:0:3/128', '1:0:0:2::3/128', 'the longest zero run is compressed'],
    ['1:0:0:2:3:0:0:4/128', '1::2:3:0:0:4/128', 'the first of two equal zero runs is compressed'],
  ])('normalises %j to %j (%s)', (text, normal) => {
    // Act
    const parsed = parseCidrText(text);

    // Assess
    expect(parsed && formatCidr(parsed)).toBe(normal);
  });
});
