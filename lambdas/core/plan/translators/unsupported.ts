import { child, isRecord, ok } from '../../events/read';
import { canonicalJson } from '../../util/hash';
import type { PlanAction } from '../types';
import { hasUnknown } from '../unknown';
import type { Translator } from './translator';

/**
 * Resource types that change security groups, NACLs or prefix lists in ways preflight does not model
 * yet. A change to one of their network attributes is reported as "cannot judge", never allowed.
 */
export function unsupported(attributes: readonly string[], actions: readonly PlanAction[]): Translator {
  return (resource) => {
    if (!actions.includes(resource.action)) return ok({ ops: [], cannotJudge: [], notes: [] });
    const changed = attributes.filter(
      (a) =>
        hasUnknown(child(resource.afterUnknown, a)) ||
        normal(child(resource.before, a).value) !== normal(child(resource.after, a).value),
    );
    return ok({
      ops: [],
      cannotJudge: changed.map((attribute) => ({
        address: resource.address,
        attribute,
        reason: `changes to ${resource.type}.${attribute} are not modelled by preflight`,
      })),
      notes: [],
    });
  };
}

/** null, "", [] and {} all mean "not set". */
export function normal(value: unknown): string {
  const empty =
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.keys(value).length === 0);
  return empty ? 'null' : canonicalJson(value);
}
