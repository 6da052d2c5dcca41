import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReplayHtml } from '../../../lambdas/app/render/replay-html';
import type { ReplaySummary } from '../../../lambdas/core/replay/types';
import { DEFAULT_REPLAY_OPTIONS, ReplaySession } from '../../../lambdas/core/replay/session';
import { launchBrowser } from '../../support/browser';
import { at, INCIDENT, logFile, otherRecord, reauthorize8080, replayFixture } from '../../core/replay/fixtures';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LONG = 'x'.repeat(180);

/** A replay whose violations carry very long unbroken ids, principals, rule titles and reasons. */
async function longSummary(): Promise<ReplaySummary> {
  const { model, config } = await replayFixture();
  const replay = new ReplaySession(model, config, DEFAULT_REPLAY_OPTIONS);
  replay.document(
    logFile([
      at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', `revoke-${LONG}`),
      reauthorize8080('2026-11-20T05:42:05Z', 'restore'),
      at(INCIDENT.sshToWorld, '2026-11-20T06:00:00Z', `ssh-${LONG}`),
      otherRecord('2026-11-20T09:00:00Z', 'last'),
    ]),
    `history/${LONG}.json`,
  );
  const s = replay.finish();
  const items = s.violations.items.map((v) => ({
    ...v,
    principal: `arn:aws:sts::123456789012:assumed-role/${LONG}/session`,
    actionReason: `policy rule ${LONG} says notify`,
    findings: v.findings.map((f) => ({ ...f, title: `${f.title} via rule sgr-${LONG}` })),
  }));
  return { ...s, violations: { ...s.violations, items } };
}

describe('the replay HTML report in a real browser', () => {
  it.each([
    { device: 'a 1280 px desktop', width: 1280, height: 800 },
    { device: 'a 390 px phone', width: 390, height: 844 },
  ])('fits the Violations table in its column on $device', async ({ width, height }) => {
    // Prepare
    const page = await browser.newPage({ viewport: { width, height } });
    await page.setContent(renderReplayHtml(await longSummary()));

    // Act
    const pageWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    const table = (await page.locator('#violations table').boundingBox())!;
    const column = (await page.locator('#violations').boundingBox())!;
    const rows = await page.locator('#violations tbody tr').count();

    // Assess
    expect(rows).toBeGreaterThan(0);
    expect(pageWidth).toBeLessThanOrEqual(width);
    expect(table.x + table.width).toBeLessThanOrEqual(column.x + column.width + 0.5);
    await page.close();
  });
});
