import { describe, expect, it } from 'vitest';
import { describeChange } from '../../../lambdas/app/render/describe-change';
import { summarize } from '../../../lambdas/app/render/notification';
import type { Change } from '../../../lambdas/core/events/types';
import { judge } from '../../../lambdas/core/verdict/judge';
import { templateVersion } from '../../support/workloads';
import { phantomBlockModel } from '../../core/support/phantom-block';
import { greenLaunch, NOW, parsed, phantomConfig } from '../../core/verdict/workload-events';
import { CONTEXT, reportOf } from './report-fixtures';

describe('describeChange: workload changes', () => {
  it.each<[Change, string]>([
    [greenLaunch(2), 'launched i-0green1, i-0green2 (Role=web, Color=green) from lt-0abc v7'],
    [{ kind: 'eni-attached', eniId: 'eni-0a', instanceId: 'i-0b', deviceIndex: 1 }, 'attached eni-0a to i-0b as device 1'],
    [{ kind: 'eni-detached', attachmentId: 'eni-attach-0c' }, 'detached attachment eni-attach-0c'],
    [{ kind: 'instance-groups-set', instanceId: 'i-0b', groupIds: ['sg-1', 'sg-2'] }, 'i-0b: security groups of the primary ENI set to [sg-1, sg-2]'],
    [
      { kind: 'launch-template-version-created', version: templateVersion('lt-0abc', 7, [['sg-1'], ['sg-2']], { instanceTags: { Role: 'web' } }), templateCreated: false },
      'created lt-0abc v7 (device 0: sg-1; device 1: sg-2) (Role=web)',
    ],
    [{ kind: 'launch-template-default-set', launchTemplateId: 'lt-0abc', defaultVersion: 7 }, 'lt-0abc: default version set to v7'],
    [{ kind: 'prefix-list-modified', prefixListId: 'pl-1', added: ['0.0.0.0/1', '128.0.0.0/1'], removed: [] }, 'pl-1: added 0.0.0.0/1, 128.0.0.0/1'],
    [{ kind: 'sg-deleted', groupId: 'sg-1' }, 'deleted sg-1'],
    [{ kind: 'tags-removed', resourceIds: ['i-0b'], tags: [{ key: 'Role' }] }, 'removed tag(s) Role from i-0b'],
  ])('describes %o in one line', (change, line) => {
    // Act
    const text = describeChange(change);

    // Assess
    expect(text).toBe(line);
  });
});

describe('summarize: a launch that breaks a dependency', () => {
  it('names the launched instances and says what to do instead of a revert', () => {
    // Prepare
    const v = judge({ event: parsed(greenLaunch(2)), model: phantomBlockModel(), config: phantomConfig(), now: NOW });

    // Act
    const s = summarize(reportOf(v), CONTEXT);

    // Assess
    expect(s.headline).toBe('alb-to-web broken by RunInstances on i-0green1, i-0green2');
    expect(s.body).toContain('What to do\n  a launch is never undone (no instance is terminated): apply the fix');
    expect(s.awaitingDecision).toBe(false);
  });
});
