import { describe, expect, it } from 'vitest';
import type { AllowPublic } from '../../../lambdas/core/config/schema';
import { allowedPortsLookup } from '../../../lambdas/core/rules/allowed';
import { ALB, phantomBlockModel, STALE, WEB } from '../support/phantom-block';

const entry = (groups: AllowPublic['groups']): AllowPublic => ({
  groups,
  ports: [443],
  protocol: 'tcp',
  direction: 'ingress',
});

describe('allowPublic entries selecting instances by tags', () => {
  it('allow the groups carried by the selected instances’ ENIs, narrowed by device index', () => {
    // Prepare
    const model = phantomBlockModel();
    const lookup = allowedPortsLookup(model, [entry({ instanceTags: { Role: 'web' }, deviceIndex: 0 })]);

    // Act
    const [web, stale, alb] = [WEB, STALE, ALB].map((id) => lookup(model.group(id)!).ingress.get('tcp'));

    // Assess
    expect(web).toEqual([{ from: 443, to: 443 }]);
    expect(stale).toBeUndefined();
    expect(alb).toBeUndefined();
  });

  it('allow every group the selected ENIs carry without a device index', () => {
    // Prepare
    const model = phantomBlockModel();
    const lookup = allowedPortsLookup(model, [entry({ instanceTags: { Role: 'web' } })]);

    // Act
    const stale = lookup(model.group(STALE)!).ingress.get('tcp');

    // Assess
    expect(stale).toEqual([{ from: 443, to: 443 }]);
  });

  it('allow nothing when the model has no instances, so the exposure is still reported', () => {
    // Prepare
    const model = phantomBlockModel({ instances: false });
    const lookup = allowedPortsLookup(model, [entry({ instanceTags: { Role: 'web' } })]);

    // Act
    const web = lookup(model.group(WEB)!).ingress.get('tcp');

    // Assess
    expect(web).toBeUndefined();
  });
});
