import type { AllowPublic } from '../config/schema';
import type { Direction, NetworkModel, Protocol, SecurityGroup } from '../model/types';
import { selectEndpoint } from '../reachability/select';
import { mergeRanges, parsePortOrRange } from '../util/ports';
import type { PortRange } from '../verdict/types';
import type { AllowedPorts } from './types';

export type AllowedLookup = (group: SecurityGroup) => Readonly<Record<Direction, AllowedPorts>>;

const PROTOCOLS: Readonly<Record<AllowPublic['protocol'], readonly Protocol[]>> = {
  tcp: ['tcp'],
  udp: ['udp'],
  any: ['tcp', 'udp'],
};

/**
 * Resolves config.exposure.allowPublic once (each entry's selector against the model) and returns a lookup
 * of the ports a group may expose to the world, per direction and protocol. An instanceTags entry allows
 * the groups carried by the selected instances' ENIs (narrowed by deviceIndex); without instances in the
 * model it allows nothing, so the exposure is still reported (never silently allowed).
 */
export function allowedPortsLookup(model: NetworkModel, allowPublic: readonly AllowPublic[]): AllowedLookup {
  const compiled = allowPublic.map((entry) => ({
    entry,
    groupIds: new Set(selectEndpoint(model, entry.groups).groups.map((g) => g.groupId)),
    ranges: entry.ports.map(parsePortOrRange),
  }));
  return (group) => {
    const acc: Record<Direction, Map<Protocol, PortRange[]>> = { ingress: new Map(), egress: new Map() };
    for (const { entry, groupIds, ranges } of compiled) {
      if (!groupIds.has(group.groupId)) continue;
      const byProtocol = acc[entry.direction ?? 'ingress'];
      for (const protocol of PROTOCOLS[entry.protocol ?? 'tcp']) {
        byProtocol.set(protocol, mergeRanges([...(byProtocol.get(protocol) ?? []), ...ranges]));
      }
    }
    return acc;
  };
}
