import type { EndpointSelector } from '../config/schema';
import { describeSelector, describeTags, type EndpointSelection } from './select';

type Role = 'source' | 'destination';

/** Why one side selects no ENI, or undefined when it selects some. */
function emptySide(selector: EndpointSelector, side: EndpointSelection, role: Role): string | undefined {
  if (side.notEvaluated) return `the ${role} ${side.notEvaluated}`;
  if (side.enis.length > 0) return undefined;
  const what = `${role}: ${describeSelector(selector)}`;
  if (selector.instanceTags !== undefined) {
    const tagged = `tagged ${describeTags(selector.instanceTags)}${selector.vpcId ? ` in ${selector.vpcId}` : ''}`;
    const instances = side.instances ?? [];
    if (instances.length === 0) return `no running instance ${tagged} (${what})`;
    const ids = instances.map((i) => i.instanceId).join(', ');
    return `no network interface at the selected device index on the running instance(s) ${tagged} (${ids}; ${what})`;
  }
  if (side.groups.length === 0) return `no security group matches the ${role} (${describeSelector(selector)})`;
  return `no network interface carries the ${role} group(s) ${side.groups.map((g) => g.groupId).join(', ')}`;
}

/**
 * Why a dependency has no ENI pair to judge: an instance-tag side on a model without instances (not
 * evaluated), given pairs that no longer exist, a side that selects nothing, or one ENI on both sides.
 */
export function unresolvedReason(
  dep: { readonly from: EndpointSelector; readonly to: EndpointSelector },
  source: EndpointSelection,
  destination: EndpointSelection,
  givenPairs: boolean,
): string {
  if (source.notEvaluated) return `the source ${source.notEvaluated}`;
  if (destination.notEvaluated) return `the destination ${destination.notEvaluated}`;
  if (givenPairs) return 'none of the ENI pairs to judge exists in the model';
  return (
    emptySide(dep.from, source, 'source') ??
    emptySide(dep.to, destination, 'destination') ??
    `only ${source.enis[0]?.eniId} carries both sides; a pair needs two different network interfaces`
  );
}
