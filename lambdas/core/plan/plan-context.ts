import { child } from '../events/read';
import { declarationAddress, modulePrefix, referencesAt } from './configuration';
import type { PlanContext, PlanResource } from './types';

/** What one resource's attribute will be after the plan, when the plan itself decides it. */
export type PlannedValue = (resource: PlanResource, attribute: string) => string | number | undefined;

/** `aws_launch_template.web[0].latest_version` -> the resource part and the attribute. */
const ATTRIBUTE_REF = /^((?:[a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?)\.([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * The plan as translators see it. An unknown value is resolved only when every reference of its
 * expression names one attribute of one resource of the plan whose planned value is known (a literal
 * mixed in, a variable, `count.index`... and it stays unknown: "cannot judge", never a guess).
 */
export function planContext(
  resources: readonly PlanResource[],
  plannedFor: (type: string) => PlannedValue | undefined,
): PlanContext {
  const byAddress = new Map(resources.filter((r) => !r.deposed).map((r) => [r.address, r]));
  const target = (address: string): PlanResource | undefined => {
    const exact = byAddress.get(address);
    if (exact || address.includes('[')) return exact;
    const same = [...byAddress.values()].filter((r) => declarationAddress(r.address) === address);
    return same.length === 1 ? same[0] : undefined;
  };
  const planned = (r: PlanResource, attribute: string) => plannedFor(r.type)?.(r, attribute);
  return {
    resolve(resource, path) {
      const refs = referencesAt(resource.expressions, path);
      if (!refs || refs.length === 0) return undefined;
      const prefix = modulePrefix(declarationAddress(resource.address));
      const attributes = refs.flatMap((ref) => {
        const m = ATTRIBUTE_REF.exec(ref);
        return m ? [{ address: prefix + (m[1] ?? ''), attribute: m[2] ?? '' }] : [];
      });
      const covered = (ref: string) =>
        attributes.some((a) => a.address === prefix + ref || declarationAddress(a.address) === prefix + ref);
      if (attributes.length === 0 || !refs.every((ref) => ATTRIBUTE_REF.test(ref) || covered(ref)))
        return undefined;
      const values = attributes.map((a) => {
        const r = target(a.address);
        return r ? planned(r, a.attribute) : undefined;
      });
      const first = values[0];
      return first !== undefined && values.every((v) => v === first) ? first : undefined;
    },
    movesTemplate(launchTemplateId, which) {
      const attribute = which === 'latest' ? 'latest_version' : 'default_version';
      return resources.some(
        (r) =>
          r.type === 'aws_launch_template' &&
          !r.deposed &&
          child(r.before, 'id').value === launchTemplateId &&
          planned(r, attribute) !== undefined &&
          planned(r, attribute) !== child(r.before, attribute).value,
      );
    },
  };
}

/** A context that resolves nothing (a translator tested alone). */
export const NO_CONTEXT: PlanContext = { resolve: () => undefined, movesTemplate: () => false };
