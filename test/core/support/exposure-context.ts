import type { AllowPublic } from '../../../lambdas/core/config/schema';
import type { NetworkModel, SecurityGroup } from '../../../lambdas/core/model/types';
import { allowedPortsLookup } from '../../../lambdas/core/rules/allowed';
import { exposedPorts } from '../../../lambdas/core/rules/exposure';
import type { ExposureContext } from '../../../lambdas/core/rules/types';
import { FakeModel } from './fake-model';

/** The context the evaluator gives a rule, for one group of `model`. */
export function contextOf(
  model: NetworkModel,
  groupId: string,
  allowPublic: readonly AllowPublic[] = [],
): ExposureContext {
  const group = model.group(groupId);
  if (!group) throw new Error(`no group ${groupId} in the test model`);
  return {
    group,
    exposure: {
      ingress: exposedPorts(model, group, 'ingress'),
      egress: exposedPorts(model, group, 'egress'),
    },
    allowed: allowedPortsLookup(model, allowPublic)(group),
  };
}

/** The context of a single group in a model of its own. */
export function contextFor(group: SecurityGroup, allowPublic: readonly AllowPublic[] = []): ExposureContext {
  return contextOf(new FakeModel({ groups: [group] }), group.groupId, allowPublic);
}
