import type { Change } from '../events/types';
import { patchModel } from '../model/patched-model';
import { type LaunchTemplateVersion, launchTemplateVersionKey, type NetworkModel } from '../model/types';
import { applyChange } from './apply-change';
import { type Derivation, unresolved } from './derivation';
import { virtualLaunchPatch } from './virtual-instances';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** A template state with the virtual instance a launch from `version` would create. */
const launching = (state: NetworkModel, id: string, version: LaunchTemplateVersion | undefined) =>
  version ? patchModel(state, virtualLaunchPatch(state, id, version)) : state;

/**
 * Judged before any instance exists: before = the state with a virtual instance of the previous default
 * version (none for a new template), after = with one of the new version.
 */
export function deriveVersionCreated(
  model: NetworkModel,
  change: Of<'launch-template-version-created'>,
): Derivation {
  const { launchTemplateId: id, versionNumber } = change.version;
  const present = model.launchTemplateVersion(id, versionNumber) !== undefined;
  const before = present
    ? patchModel(model, {
        launchTemplateVersions: new Map([[launchTemplateVersionKey(id, versionNumber), undefined]]),
        ...(change.templateCreated ? { launchTemplates: new Map([[id, undefined]]) } : {}),
      })
    : model;
  const after = present ? model : applyChange(model, change).model;
  const position = present ? 'after' : 'before';
  const afterLaunch = launching(after, id, change.version);
  if (change.templateCreated) return { position, before, after: afterLaunch, notes: [] };
  const previous = currentDefault(before, id);
  if (typeof previous === 'string')
    return { position, after: afterLaunch, notes: [`${previous}: what instances launch with today is unknown`] };
  return { position, before: launching(before, id, previous), after: afterLaunch, notes: [] };
}

/** ModifyLaunchTemplate: before = a launch from the old default, after = from the new one. */
export function deriveDefaultSet(model: NetworkModel, change: Of<'launch-template-default-set'>): Derivation {
  const { launchTemplateId: id, defaultVersion } = change;
  const template = model.launchTemplate(id);
  if (!template) return unresolved(model, `launch template ${id} is not in the state`);
  const next = model.launchTemplateVersion(id, defaultVersion);
  if (!next)
    return unresolved(model, `the content of ${id} version ${defaultVersion} is not in the state`);
  if (template.defaultVersionNumber === defaultVersion)
    return {
      position: 'after',
      after: launching(model, id, next),
      notes: [`${id} already launches version ${defaultVersion}; the previous default is unknown`],
    };
  const after = launching(applyChange(model, change).model, id, next);
  const previous = currentDefault(model, id);
  if (typeof previous === 'string') return { position: 'before', after, notes: [previous] };
  return { position: 'before', before: launching(model, id, previous), after, notes: [] };
}

/** The version a template launches by default, or why the state cannot tell. */
function currentDefault(model: NetworkModel, id: string): LaunchTemplateVersion | string {
  const template = model.launchTemplate(id);
  if (!template) return `launch template ${id} is not in the state`;
  return (
    model.launchTemplateVersion(id, template.defaultVersionNumber) ??
    `the default version (${template.defaultVersionNumber}) of ${id} is not in the state`
  );
}
