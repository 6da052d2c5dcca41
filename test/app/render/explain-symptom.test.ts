import { describe, expect, it } from 'vitest';
import { pathSymptom, renderExplainText } from '../../../lambdas/app/render/explain-text';
import { explainPath } from '../../../lambdas/core/reachability/explain';
import { loadExamples } from '../../support/examples';

describe('explain: the symptom a client sees', () => {
  it('expects a timeout on a path a security group or NACL blocks', async () => {
    // Prepare
    const { model } = await loadExamples();
    // Act
    const result = explainPath(model, { fromGroupId: 'sg-0nginx456', toGroupId: 'sg-0cache321', protocol: 'tcp', port: 6379 });
    // Assess
    expect(result.status).toBe('blocked');
    expect(pathSymptom(result)?.kind).toBe('timeout');
    expect(renderExplainText(result)).toContain('A client sees: a timeout, not "connection refused"');
  });

  it('says "connection refused" can only come from the host on an open path', async () => {
    // Prepare
    const { model } = await loadExamples();
    // Act
    const result = explainPath(model, { fromGroupId: 'sg-0nginx456', toGroupId: 'sg-0backend123', protocol: 'tcp', port: 8080 });
    // Assess
    expect(result.status).toBe('reachable');
    expect(pathSymptom(result)?.kind).toBe('refused-if-not-listening');
    expect(pathSymptom(result)?.text).toContain('nothing listening on 8080');
  });
});
