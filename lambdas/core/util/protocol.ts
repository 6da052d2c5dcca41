import type { Protocol } from '../model/types';

const BY_NUMBER: Readonly<Record<string, Protocol>> = {
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};
const NAMES = new Set(['tcp', 'udp', 'icmp', 'icmpv6', '-1']);
/** BY_NUMBER reversed, built once: protocolNumber runs for every NACL fix's SDK input. */
const NUMBER_OF: ReadonlyMap<string, string> = new Map(Object.entries(BY_NUMBER).map(([number, name]) => [name, number]));

/**
 * Normalises an EC2 protocol value ('tcp', 'TCP', '6', 6, '-1', -1, 'all') to the engine's form.
 * Returns undefined for values that are not a protocol.
 */
export function normalizeProtocol(value: unknown): Protocol | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return normalizeProtocol(String(value));
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'all') return '-1';
  if (NAMES.has(v)) return v;
  if (/^\d{1,3}$/.test(v) && Number(v) <= 255) return BY_NUMBER[String(Number(v))] ?? String(Number(v));
  return undefined;
}

/** True for protocols whose rules carry a port range. */
export function hasPorts(protocol: Protocol): boolean {
  return protocol === 'tcp' || protocol === 'udp';
}

/** The protocol number NACL and SDK calls use ('6' for tcp); '-1' stays '-1'. */
export function protocolNumber(protocol: Protocol): string {
  return NUMBER_OF.get(protocol) ?? protocol;
}

/** Does a rule/entry protocol cover traffic of `wanted`? '-1' covers every protocol. */
export function protocolCovers(ruleProtocol: Protocol, wanted: Protocol): boolean {
  return ruleProtocol === '-1' || ruleProtocol === wanted;
}
