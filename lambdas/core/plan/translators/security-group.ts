import { child, type Node, ok, type Result } from '../../events/read';
import type { Direction, RulePeer, RuleSpec, SecurityGroup, SgRule } from '../../model/types';
import { makeSgRule } from '../../model/rule-key';
import { readCidrPeers, readGroupPeers, readPrefixListPeers, readTraffic, toSpecs } from '../rule-specs';
import type { CannotJudge, PlanOp, PlanResource, Translation } from '../types';
import { hasUnknown, isUnknown, unknownEntry } from '../unknown';
import { entries, flag, optText, stringMap, text } from '../values';
import { ruleDiff, type Translator, uniqueSpecs } from './translator';

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** What the inline rules of one direction say after the change: known rules, and entries not known yet. */
interface AfterRules {
  readonly specs: RuleSpec[];
  readonly cannotJudge: CannotJudge[];
  /** The whole set is known only after apply. */
  readonly unknown: boolean;
}

/**
 * aws_security_group with inline `ingress` / `egress` blocks. An update adds and removes the rules
 * that differ between before and after. A new group is not in the snapshot: it is added to the model
 * under its resource address (its id is known only after apply), so its own rules are judged; a
 * deleted group loses its rules and the ENIs that carried it.
 */
export const securityGroup: Translator = (resource) => {
  switch (resource.action) {
    case 'create':
      return created(resource);
    case 'delete':
      return deleted(resource);
    case 'update':
      return updated(resource);
    case 'delete-create':
    case 'create-delete': {
      const old = deleted(resource);
      if (!old.ok) return old;
      const next = created(resource);
      if (!next.ok) return next;
      const [first, second] =
        resource.action === 'delete-create' ? [old.value, next.value] : [next.value, old.value];
      return ok({
        ops: [...first.ops, ...second.ops],
        cannotJudge: [...first.cannotJudge, ...second.cannotJudge],
        notes: [...first.notes, ...second.notes],
      });
    }
    default:
      return ok({ ops: [], cannotJudge: [], notes: [] });
  }
};

function deleted(resource: PlanResource): Result<Translation> {
  const id = text(child(resource.before, 'id'));
  if (!id.ok) return id;
  return ok({ ops: [{ op: 'delete-group', groupId: id.value }], cannotJudge: [], notes: [] });
}

function created(resource: PlanResource): Result<Translation> {
  const { after, afterUnknown, address } = resource;
  const notes = [`new group judged as ${address} until AWS gives it an id`];
  const known = (key: string): Node => {
    const node = child(after, key);
    return hasUnknown(child(afterUnknown, key)) ? { value: undefined, path: node.path } : node;
  };
  const name = optText(known('name'));
  if (!name.ok) return name;
  const vpcId = optText(known('vpc_id'));
  if (!vpcId.ok) return vpcId;
  const allTags = known('tags_all');
  const tags = stringMap(allTags.value === undefined || allTags.value === null ? known('tags') : allTags);
  if (!tags.ok) return tags;
  const rules: SgRule[] = [];
  const cannotJudge: CannotJudge[] = [];
  for (const direction of DIRECTIONS) {
    const r = afterRules(resource, direction, address);
    if (!r.ok) return r;
    if (r.value.unknown)
      notes.push(
        `${direction}: known only after apply, read as no inline rules ` +
          `(Terraform plans this when no ${direction} block is written)`,
      );
    rules.push(...uniqueSpecs(r.value.specs).map((s) => makeSgRule(s, address, direction)));
    cannotJudge.push(...r.value.cannotJudge);
  }
  const group: SecurityGroup = {
    groupId: address,
    groupName: name.value ?? address,
    ...(vpcId.value === undefined ? {} : { vpcId: vpcId.value }),
    tags: tags.value,
    rules,
  };
  return ok({ ops: [{ op: 'create-group', group }], cannotJudge, notes });
}

function updated(resource: PlanResource): Result<Translation> {
  const id = text(child(resource.before, 'id'));
  if (!id.ok) return id;
  const ops: PlanOp[] = [];
  const cannotJudge: CannotJudge[] = [];
  for (const direction of DIRECTIONS) {
    const old = readRules(child(resource.before, direction), id.value);
    if (!old.ok) return old;
    const next = afterRules(resource, direction, id.value);
    if (!next.ok) return next;
    if (next.value.unknown) {
      const reason = `${direction} is known only after apply`;
      cannotJudge.push({ address: resource.address, attribute: direction, reason });
      continue;
    }
    cannotJudge.push(...next.value.cannotJudge);
    ops.push(
      ...ruleDiff(
        { groupId: id.value, direction, specs: old.value },
        { groupId: id.value, direction, specs: next.value.specs },
      ),
    );
  }
  return ok({ ops, cannotJudge, notes: [] });
}

/** The known inline rules of `after`; entries with an unknown part are reported and left out. */
function afterRules(resource: PlanResource, direction: Direction, groupId: string): Result<AfterRules> {
  const unknownNode = child(resource.afterUnknown, direction);
  if (isUnknown(unknownNode)) return ok({ specs: [], cannotJudge: [], unknown: true });
  const list = entries(child(resource.after, direction));
  if (!list.ok) return list;
  const specs: RuleSpec[] = [];
  const cannotJudge: CannotJudge[] = [];
  for (const [i, node] of list.value.entries()) {
    if (hasUnknown(unknownEntry(unknownNode, i))) {
      const attribute = `${direction}[${i}]`;
      const reason = `${attribute} has values known only after apply`;
      cannotJudge.push({ address: resource.address, attribute, reason });
      continue;
    }
    const r = readBlock(node, groupId);
    if (!r.ok) return r;
    specs.push(...r.value);
  }
  return ok({ specs, cannotJudge, unknown: false });
}

function readRules(node: Node, groupId: string): Result<RuleSpec[]> {
  const list = entries(node);
  if (!list.ok) return list;
  const specs: RuleSpec[] = [];
  for (const block of list.value) {
    const r = readBlock(block, groupId);
    if (!r.ok) return r;
    specs.push(...r.value);
  }
  return ok(specs);
}

/** One inline block: protocol and ports, and every peer it lists (self = the group itself). */
function readBlock(node: Node, groupId: string): Result<RuleSpec[]> {
  const traffic = readTraffic(child(node, 'protocol'), child(node, 'from_port'), child(node, 'to_port'));
  if (!traffic.ok) return traffic;
  const parts = [
    readCidrPeers(child(node, 'cidr_blocks'), 'ipv4'),
    readCidrPeers(child(node, 'ipv6_cidr_blocks'), 'ipv6'),
    readPrefixListPeers(child(node, 'prefix_list_ids')),
    readGroupPeers(child(node, 'security_groups')),
  ];
  const peers: RulePeer[] = [];
  for (const part of parts) {
    if (!part.ok) return part;
    peers.push(...part.value);
  }
  const self = flag(child(node, 'self'));
  if (!self.ok) return self;
  if (self.value) peers.push({ kind: 'sg', groupId });
  const description = optText(child(node, 'description'));
  if (!description.ok) return description;
  return ok(toSpecs(traffic.value, peers, description.value));
}
