import { describe, expect, it } from 'vitest';
import type { Dependency } from '../../../lambdas/core/config/schema';
import { evaluateDependency } from '../../../lambdas/core/reachability/evaluate-dependency';
import { explainPath } from '../../../lambdas/core/reachability/explain';
import { defaultEgress, eni, group } from '../support/builders';
import { BACKEND, NGINX, nginxToBackend, webBackendModel } from '../support/web-backend';

describe('evaluateDependency', () => {
  it('is unresolved with a reason when no group matches the destination', () => {
    // Prepare
    const dep: Dependency = { ...nginxToBackend, to: { groupName: 'payments' } };
    // Act
    const result = evaluateDependency(webBackendModel(), dep);
    // Assess
    expect(result.status).toBe('unresolved');
    expect(result.reason).toContain('groupName=payments');
    expect(result.pairs).toEqual([]);
  });

  it('is unresolved when no ENI carries the source group', () => {
    // Prepare
    const base = webBackendModel();
    const model = base.with({ enis: [...base.enis()].filter((e) => e.eniId !== 'eni-0nginx') });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.status).toBe('unresolved');
    expect(result.reason).toContain(`source group(s) ${NGINX}`);
    expect(result.sourceGroupIds).toEqual([NGINX]);
  });

  it('is unresolved when a tcp dependency has no port', () => {
    // Prepare
    const { port: _port, ...withoutPort } = nginxToBackend;
    // Act
    const result = evaluateDependency(webBackendModel(), withoutPort);
    // Assess
    expect(result.status).toBe('unresolved');
    expect(result.reason).toContain('port');
  });

  it('skips given pairs whose ENI no longer exists', () => {
    // Prepare
    const pairs = [
      { sourceEniId: 'eni-0nginx', destinationEniId: 'eni-0backend1' },
      { sourceEniId: 'eni-0nginx', destinationEniId: 'eni-0deleted' },
    ];
    // Act
    const result = evaluateDependency(webBackendModel(), nginxToBackend, { pairs });
    // Assess
    expect(result.status).toBe('reachable');
    expect(result.pairs.map((p) => p.destinationEniId)).toEqual(['eni-0backend1']);
  });

  it('evaluates only security groups for ENIs in different VPCs and says so', () => {
    // Prepare
    const base = webBackendModel();
    const enis = [...base.enis()].map((e) => (e.eniId === 'eni-0nginx' ? { ...e, vpcId: 'vpc-2' } : e));
    // Act
    const result = evaluateDependency(base.with({ enis }), nginxToBackend);
    // Assess
    expect(result.status).toBe('reachable');
    expect(result.notEvaluated).toEqual(['nacl-outbound', 'nacl-inbound', 'nacl-return']);
    expect(result.pairs[0]?.layers.find((l) => l.layer === 'nacl-outbound')?.detail).toContain(
      'different VPCs',
    );
  });

  it('normalises the protocol "all" to -1 and needs an all-traffic rule', () => {
    // Prepare
    const dep: Dependency = {
      name: 'all',
      from: { groupId: NGINX },
      to: { groupId: BACKEND },
      protocol: 'all',
    };
    // Act
    const result = evaluateDependency(webBackendModel(), dep);
    // Assess
    expect(result.protocol).toBe('-1');
    expect(result.port).toBeUndefined();
    expect(result.blockedBy).toEqual(['sg-ingress']);
  });

  it('treats a group missing from the model as not evaluated, not blocked', () => {
    // Prepare
    const model = webBackendModel().with({
      groups: [
        group(NGINX, { name: 'nginx', rules: [defaultEgress()] }),
        group(BACKEND, { name: 'backend' }),
      ],
      enis: [
        eni('eni-0nginx', { subnetId: 'subnet-web', ip: '10.0.0.10', groupIds: [NGINX] }),
        eni('eni-0backend1', { subnetId: 'subnet-app', ip: '10.0.1.15', groupIds: [BACKEND, 'sg-0gone'] }),
      ],
    });
    // Act
    const result = evaluateDependency(model, nginxToBackend);
    // Assess
    expect(result.status).toBe('reachable');
    expect(result.notEvaluated).toEqual(['sg-ingress']);
  });
});

describe('explainPath', () => {
  it('judges an ad-hoc pair of groups like a dependency', () => {
    // Prepare
    const model = webBackendModel({ backendRules: [defaultEgress()] });
    // Act
    const result = explainPath(model, {
      fromGroupId: NGINX,
      toGroupId: BACKEND,
      protocol: 'tcp',
      port: 8080,
    });
    // Assess
    expect(result.dependency).toBe(`${NGINX}-to-${BACKEND}`);
    expect(result.status).toBe('blocked');
    expect(result.pairs).toHaveLength(2);
    expect(result.fixes[0]?.awsCli).toContain(`GroupId=${NGINX}`);
  });

  it('is unresolved for an unknown group', () => {
    // Prepare
    const model = webBackendModel();
    // Act
    const result = explainPath(model, {
      fromGroupId: 'sg-0nope',
      toGroupId: BACKEND,
      protocol: 'tcp',
      port: 8080,
    });
    // Assess
    expect(result.status).toBe('unresolved');
    expect(result.reason).toContain('sg-0nope');
  });
});
