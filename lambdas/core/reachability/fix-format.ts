import type { Protocol } from '../model/types';
import { hasPorts } from '../util/protocol';
import type { PortRange } from '../verdict/types';

/** A Terraform resource name: letters, digits, '_' and '-', starting with a letter or '_'. */
export function terraformName(...parts: readonly string[]): string {
  const joined = parts.join('_');
  const name = NOT_NAME_CHAR.test(joined) ? joined.replace(NOT_NAME_CHARS, '_') : joined;
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}
const NOT_NAME_CHAR = /[^A-Za-z0-9_-]/;
const NOT_NAME_CHARS = /[^A-Za-z0-9_-]/g;

/** A Terraform block with aligned `key = value` lines; values are already HCL literals. */
export function terraformBlock(
  type: string,
  name: string,
  attributes: readonly (readonly [string, string])[],
): string {
  let width = 0;
  for (const [key] of attributes) if (key.length > width) width = key.length;
  let block = `resource "${type}" "${name}" {`;
  for (const [key, value] of attributes) block += `\n  ${key.padEnd(width)} = ${value}`;
  return `${block}\n}`;
}

export const hclString = (value: string): string => JSON.stringify(value);

/** from_port/to_port attributes for a protocol: the port, -1/-1 (all ICMP types) or none for all traffic. */
export function portAttributes(protocol: Protocol, ports?: PortRange): [string, string][] {
  if (protocol === '-1') return [];
  if (hasPorts(protocol) && ports)
    return [
      ['from_port', String(ports.from)],
      ['to_port', String(ports.to)],
    ];
  return [
    ['from_port', '-1'],
    ['to_port', '-1'],
  ];
}
