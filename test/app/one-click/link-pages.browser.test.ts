import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmationPage } from '../../../lambdas/app/one-click/link-pages';
import type { Decision } from '../../../lambdas/app/ports';
import { NOW } from '../../support/examples';
import { launchBrowser } from '../../support/browser';
import { notifiedIncident } from './fixtures';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const FIELDS = { f: 'fnd-1', exp: '1', sig: 'a'.repeat(64), event: 'e', nonce: 'b'.repeat(32), token: 'c'.repeat(64) };

/** A pending decision whose change has long unbroken names, as real ARNs and rule ids are. */
async function decision(): Promise<Decision> {
  const { verdict } = await notifiedIncident('05-ssh-open-to-world');
  const actor = { ...verdict.actor!, arn: `arn:aws:sts::123456789012:assumed-role/${'Role'.repeat(20)}/session` };
  return { findingId: 'fnd-1', eventId: 'e', verdict: { ...verdict, actor }, createdAt: NOW.toISOString(), status: 'pending' };
}

describe('the confirmation page on a phone', () => {
  it('shows the severity and both Revert and Keep, large enough to tap, without horizontal scrolling', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.setContent(confirmationPage(await decision(), FIELDS, NOW));

    // Act
    const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    const buttons = await Promise.all(['#revert', '#keep'].map((b) => page.locator(b).boundingBox({ timeout: 2000 })));
    const severity = await page.locator('#severity').textContent();

    // Assess
    expect(scrollWidth).toBeLessThanOrEqual(390);
    for (const box of buttons) {
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(88);
    }
    expect(severity).toMatch(/^Severity: (critical|high)$/);
    await page.close();
  });
});
