import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judgePlan } from '../../../lambdas/core/plan/judge-plan';
import { loadExamples } from '../../support/examples';
import { inlineRule, naclRule, planOf, resourceChange, securityGroup, sgRule, vpcRule } from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

type Json = Record<string, unknown>;

const AFTER = '$.resource_changes[0].change.after';

/** One resource per entry point of a CIDR into a plan, written with `cidr`. */
const ENTRY_POINTS: [string, (cidr: string) => Json, string][] = [
  [
    'aws_security_group_rule cidr_blocks',
    (cidr) => resourceChange('aws_security_group_rule.r', ['create'], null, sgRule({ cidr_blocks: [cidr] })),
    `${AFTER}.cidr_blocks[0]`,
  ],
  [
    'aws_vpc_security_group_ingress_rule cidr_ipv4',
    (cidr) => resourceChange('aws_vpc_security_group_ingress_rule.r', ['create'], null, vpcRule({ cidr_ipv4: cidr, from_port: 22, to_port: 22 })),
    `${AFTER}.cidr_ipv4`,
  ],
  [
    'aws_security_group inline ingress cidr_blocks',
    (cidr) =>
      resourceChange(
        'aws_security_group.g',
        ['create'],
        null,
        securityGroup(null, 'g', [inlineRule('tcp', 22, 22, { cidr_blocks: [cidr] })], []),
      ),
    `${AFTER}.ingress[0].cidr_blocks[0]`,
  ],
  [
    'aws_network_acl_rule cidr_block',
    (cidr) => resourceChange('aws_network_acl_rule.n', ['create'], null, naclRule({ cidr_block: cidr })),
    `${AFTER}.cidr_block`,
  ],
];

/** The malformed prefixes that used to read as /0 or /8 through Number(). */
const MALFORMED = ['10.0.0.0/', '10.0.0.0/-0', '10.0.0.0/\t', '10.0.0.0/+8', '10.0.0.0/0x8', '10.0.0.0/8.0'];

describe('preflight: a malformed CIDR in a plan is an input error naming its field', () => {
  for (const [entry, resource, path] of ENTRY_POINTS) {
    it.each(MALFORMED)(`${entry}: %j`, (cidr) => {
      // Prepare
      const plan = planOf(resource(cidr));

      // Act
      const result = judgePlan({ plan, model, config });

      // Assess
      expect(result.ok).toBe(false);
      expect(!result.ok && result.issue.path).toBe(path);
    });
  }
});
