import type { LaunchTemplateVersion } from '../../model/types';
import {
  bool,
  child,
  definedOnly,
  fail,
  int,
  isAbsent,
  isRecord,
  looseStr,
  type Node,
  ok,
  optId,
  optInt,
  type Result,
  show,
} from '../read';
import type { Change } from '../types';
import { readTemplateData, type TemplateData } from './launch-template-data';
import { type EventParser, fromResult, ignored } from './parser';

/** Highest launch template version number accepted (AWS allows 10,000 versions per template). */
const MAX_VERSION = 1_000_000;

/**
 * CreateLaunchTemplate -> 'launch-template-version-created' (version 1, the default): the data from
 * `CreateLaunchTemplateRequest.LaunchTemplateData`, the id from `CreateLaunchTemplateResponse.launchTemplate`.
 */
export const createLaunchTemplateParser: EventParser = ({ request, response }) => {
  const body = wrapped(request, 'CreateLaunchTemplateRequest');
  if (!body.ok) return fromResult(body);
  const data = readTemplateData(child(body.value, 'LaunchTemplateData'));
  if (!data.ok) return fromResult(data);
  const template = child(child(response, 'CreateLaunchTemplateResponse'), 'launchTemplate');
  const id = requiredId(child(template, 'launchTemplateId'));
  if (!id.ok) return fromResult(id);
  const latest = optInt(child(template, 'latestVersionNumber'), 1, MAX_VERSION);
  if (!latest.ok) return fromResult(latest);
  const name = templateName(template, body.value);
  const version = toVersion(data.value, {
    launchTemplateId: id.value,
    name,
    number: latest.value ?? 1,
    isDefault: true,
  });
  return fromResult(ok<Change>({ kind: 'launch-template-version-created', version, templateCreated: true }));
};

/**
 * CreateLaunchTemplateVersion -> 'launch-template-version-created': the data from the request, the
 * version number and whether it is the default from `CreateLaunchTemplateVersionResponse.launchTemplateVersion`.
 * A version made from a SourceVersion inherits every parameter the request leaves out; when that
 * includes the network interfaces, groups or tags the record cannot say what instances get: invalid.
 */
export const createLaunchTemplateVersionParser: EventParser = ({ request, response }) => {
  const body = wrapped(request, 'CreateLaunchTemplateVersionRequest');
  if (!body.ok) return fromResult(body);
  const data = readTemplateData(child(body.value, 'LaunchTemplateData'));
  if (!data.ok) return fromResult(data);
  const inherited = inheritedSettings(child(body.value, 'SourceVersion'), data.value);
  if (!inherited.ok) return fromResult(inherited);
  const created = child(child(response, 'CreateLaunchTemplateVersionResponse'), 'launchTemplateVersion');
  const id = optId(child(created, 'launchTemplateId'), 'launch-template');
  if (!id.ok) return fromResult(id);
  const requested = optId(child(body.value, 'LaunchTemplateId'), 'launch-template');
  if (!requested.ok) return fromResult(requested);
  const launchTemplateId = id.value ?? requested.value;
  if (launchTemplateId === undefined) return fromResult(fail(child(created, 'launchTemplateId'), 'missing'));
  const number = int(child(created, 'versionNumber'), 1, MAX_VERSION);
  if (!number.ok) return fromResult(number);
  const defaultNode = child(created, 'defaultVersion');
  const isDefault = isAbsent(defaultNode.value) ? ok(false) : bool(defaultNode);
  if (!isDefault.ok) return fromResult(isDefault);
  const name = templateName(created, body.value);
  const version = toVersion(data.value, {
    launchTemplateId,
    name,
    number: number.value,
    isDefault: isDefault.value,
  });
  return fromResult(ok<Change>({ kind: 'launch-template-version-created', version, templateCreated: false }));
};

/**
 * ModifyLaunchTemplate -> 'launch-template-default-set' (`ModifyLaunchTemplateRequest.SetDefaultVersion`);
 * the template id from the request or, when named by LaunchTemplateName, from the response.
 */
export const modifyLaunchTemplateParser: EventParser = ({ request, response }) => {
  const body = wrapped(request, 'ModifyLaunchTemplateRequest');
  if (!body.ok) return fromResult(body);
  const template = child(child(response, 'ModifyLaunchTemplateResponse'), 'launchTemplate');
  const idNode = child(body.value, 'LaunchTemplateId');
  const id = optId(idNode, 'launch-template');
  if (!id.ok) return fromResult(id);
  const fromResponse = optId(child(template, 'launchTemplateId'), 'launch-template');
  if (!fromResponse.ok) return fromResult(fromResponse);
  const launchTemplateId = id.value ?? fromResponse.value;
  const setDefault = child(body.value, 'SetDefaultVersion');
  if (isAbsent(setDefault.value)) {
    const which = launchTemplateId ?? looseStr(child(body.value, 'LaunchTemplateName')) ?? 'a launch template';
    return ignored(`ModifyLaunchTemplate on ${which} sets no default version`);
  }
  if (launchTemplateId === undefined) {
    return fromResult(fail(idNode, 'missing: the call names the template by name and the response has no id'));
  }
  const requested = int(setDefault, 1, MAX_VERSION);
  const reported = int(child(template, 'defaultVersionNumber'), 1, MAX_VERSION);
  const version = requested.ok ? requested : reported.ok ? reported : requested;
  if (!version.ok) return fromResult(version);
  const change: Change = { kind: 'launch-template-default-set', launchTemplateId, defaultVersion: version.value };
  return fromResult(ok(change));
};

/** The PascalCase request object CloudTrail nests these calls' parameters in. */
function wrapped(request: Node, key: string): Result<Node> {
  const body = child(request, key);
  if (isRecord(body.value)) return ok(body);
  return fail(body, isAbsent(body.value) ? 'missing' : `expected an object, got ${show(body.value)}`);
}

/** The name the response gives, else the one the request used. */
function templateName(responseTemplate: Node, body: Node): string | undefined {
  return looseStr(child(responseTemplate, 'launchTemplateName')) ?? looseStr(child(body, 'LaunchTemplateName'));
}

function requiredId(node: Node): Result<string> {
  const id = optId(node, 'launch-template');
  if (!id.ok) return id;
  return id.value === undefined ? fail(node, 'missing') : ok(id.value);
}

/** Fails when a SourceVersion supplies network settings the record does not show. */
function inheritedSettings(source: Node, data: TemplateData): Result<void> {
  if (isAbsent(source.value)) return ok(undefined);
  const missing = [
    ...(data.sets.networkInterfaces || data.sets.groups ? [] : ['network interfaces and security groups']),
    ...(data.sets.tagSpecifications ? [] : ['tag specifications']),
  ];
  if (missing.length === 0) return ok(undefined);
  return fail(
    source,
    `the version inherits its ${missing.join(' and ')} from version ${show(source.value)}, which the record does not show`,
  );
}

interface VersionIdentity {
  readonly launchTemplateId: string;
  readonly name: string | undefined;
  readonly number: number;
  readonly isDefault: boolean;
}

function toVersion(data: TemplateData, who: VersionIdentity): LaunchTemplateVersion {
  return {
    launchTemplateId: who.launchTemplateId,
    ...definedOnly({ launchTemplateName: who.name }),
    versionNumber: who.number,
    isDefault: who.isDefault,
    groupIds: data.groupIds,
    ...(data.groupNames.length > 0 ? { groupNames: data.groupNames } : {}),
    networkInterfaces: data.networkInterfaces,
    instanceTags: data.instanceTags,
  };
}
