import type { Protocol } from '../model/types';
import { hasPorts } from '../util/protocol';
import type { PortRange } from '../verdict/types';

/** A Terraform resource name: letters, digits, '_' and '-', starting with a letter or '_'. */
export function terraformName(...parts: readonly string[]): string {
  const name = parts.join('_').replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/** A Terraform block with aligned `key = value` lines; values are already HCL literals. */
export function terraformBlock(
  type: string,
  name: string,
  attributes: readonly (readonly [string, string])[],
): string {
  const width = Math.max(...attributes.map(([key]) => key.length));
  const lines = attributes.map(([key, value]) => `  ${key.padEnd(width)} = ${value}`);
  return [`resource "${type}" "${name}" {`, ...lines, '}'].join('\n');
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
