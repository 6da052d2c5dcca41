import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../lambdas/app/one-click/http';
import { confirmationPage, errorPage, resultPage } from '../../../lambdas/app/one-click/link-pages';
import type { Decision } from '../../../lambdas/app/ports';
import { NOW } from '../../support/examples';
import { notifiedIncident } from './fixtures';

const FIELDS = { f: 'fnd-1', exp: '1', sig: 's', event: 'e', nonce: 'n', token: 't' };

async function hostileDecision(): Promise<Decision> {
  const { verdict } = await notifiedIncident('05-ssh-open-to-world');
  const finding = { ...verdict.findings[0]!, id: 'fnd-1', title: '<script>alert(1)</script> & "quotes"' };
  const actor = { ...verdict.actor!, arn: 'arn:aws:iam::1:user/<img src=x onerror=alert(2)>' };
  return {
    findingId: 'fnd-1',
    eventId: 'e',
    verdict: { ...verdict, findings: [finding], actor },
    createdAt: NOW.toISOString(),
    status: 'pending',
  };
}

describe('confirmation and result pages', () => {
  it('escapes every text from the event, so a finding title or an actor name cannot inject markup', async () => {
    // Prepare
    const decision = await hostileDecision();

    // Act
    const html = confirmationPage(decision, { ...FIELDS, event: '"><script>x</script>' }, NOW);

    // Assess
    expect(html).not.toMatch(/<script>|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('escapes the outcome of a failed revert', async () => {
    // Prepare
    const decision = await hostileDecision();
    const failed: Decision = {
      ...decision,
      status: 'failed',
      decidedBy: 'signed link from <b>',
      outcome: { status: 'failed', steps: [], reason: '<i>denied</i>' },
    };

    // Act
    const html = resultPage(failed, 'fnd-1');

    // Assess
    expect(html).toContain('<h1>Not reverted</h1>');
    expect(html).toContain('signed link from &lt;b&gt;');
    expect(html).toContain('&lt;i&gt;denied&lt;/i&gt;');
    expect(html).not.toMatch(/<b>|<i>/);
  });

  it('escapes the five HTML-significant characters', () => {
    // Act / Assess
    expect(escapeHtml(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;');
    expect(errorPage('<t>', '<m>')).not.toMatch(/<t>|<m>/);
  });
});
