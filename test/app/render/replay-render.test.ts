import { describe, expect, it } from 'vitest';
import { renderReplayHtml } from '../../../lambdas/app/render/replay-html';
import { toReplayJson } from '../../../lambdas/app/render/replay-json';
import { renderReplayText } from '../../../lambdas/app/render/replay-text';
import { DEFAULT_REPLAY_OPTIONS, ReplaySession } from '../../../lambdas/core/replay/session';
import { at, INCIDENT, logFile, otherRecord, reauthorize8080, replayFixture } from '../../core/replay/fixtures';

const EVIL = '<img src=x onerror=alert(1)>"\'&';

/** A replay with a broken-then-restored dependency, exposures, and untrusted text in every field shown. */
async function summary() {
  const { model, config } = await replayFixture();
  const replay = new ReplaySession(model, config, DEFAULT_REPLAY_OPTIONS);
  const evilActor = { ...INCIDENT.sshToWorld.userIdentity as object, arn: `arn:aws:iam::123456789012:user/${EVIL}` };
  replay.document(
    logFile([
      at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'revoke'),
      reauthorize8080('2026-11-20T05:42:05Z', 'restore'),
      { ...at(INCIDENT.sshToWorld, '2026-11-20T06:00:00Z', `ssh-${EVIL}`), userIdentity: evilActor, userAgent: EVIL },
      at(INCIDENT.selfReferenceRemoved, '2026-11-20T07:00:00Z', 'cache'),
      { ...INCIDENT.open8080ToWorld, eventID: 'bad', requestParameters: EVIL },
      otherRecord('2026-11-20T09:00:00Z', 'last'),
    ]),
    `history/${EVIL}.json`,
  );
  return replay.finish();
}

describe('replay reports', () => {
  it('tells people the totals, each violation with who and when, the reverts, principals and outages', async () => {
    // Act
    const text = renderReplayText(await summary());

    // Assess
    expect(text).toContain('verdicts:  ok 1 · violation 3 · ignored 1 · invalid 1');
    expect(text).toContain('would:     revert 3 · notify 1');
    expect(text).toContain('── 2026-11-20T03:42:05Z  RevokeSecurityGroupIngress  (revoke)');
    expect(text).toContain('who:    user/alice (IAMUser) from 203.0.113.45 via console');
    expect(text).toContain('Would have been reverted: 3');
    expect(text).toMatch(
      /nginx-to-backend: 2026-11-20T03:42:05Z \(RevokeSecurityGroupIngress by user\/alice\) → 2026-11-20T05:42:05Z .*, 2h 0m/,
    );
    expect(text).toMatch(/cache-cluster: .* → still broken at the end, 2h 0m/);
    expect(text).toContain('mode dry-run: nothing would have been written');
  });

  it('gives machines the whole summary with each change described', async () => {
    // Act
    const json = JSON.parse(JSON.stringify(toReplayJson(await summary())));

    // Assess
    expect(json.violations.items[0]).toMatchObject({
      eventId: 'revoke',
      description: 'sg-0backend123: removed ingress tcp/8080 from sg-0nginx456',
      findings: [{ kind: 'dependency-broken', dependency: 'nginx-to-backend' }],
      action: 'revert',
    });
    expect(json).toMatchObject({ verdicts: { violation: 3 }, outages: { total: 2 }, invalid: { total: 1 } });
  });

  it('writes one self-contained HTML file: inline CSS and SVG, no script, no external resource', async () => {
    // Act
    const html = renderReplayHtml(await summary());

    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<(script|link|iframe|img|object|embed)\b|\s(src|href)=["']|url\((?!#open\))/i);
    for (const id of ['timeline', 'violations', 'reverts', 'principals', 'outages', 'invalid', 'totals'])
      expect(html).toContain(`<section id="${id}">`);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html.match(/<rect class="outage( open)?"/g)).toHaveLength(2);
    expect(html.match(/<rect class="outage open"/g)).toHaveLength(1);
    expect(html.match(/<rect class="violation"/g)).toHaveLength(3);
  });

  it('escapes every piece of untrusted input in the HTML report', async () => {
    // Act
    const html = renderReplayHtml(await summary());

    // Assess
    expect(html).not.toContain(EVIL);
    expect(html).not.toContain('<img');
    expect(html).toContain('user/&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(html).toContain('<code>history/&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;.json</code>');
  });

  it('puts the time axis ticks on round UTC hours', async () => {
    // Act
    const html = renderReplayHtml(await summary());

    // Assess: the history runs 03:42–09:00, drawn in hour bins from 03:00 to 10:00 (after the y-axis 1 and 0)
    const labels = [...html.matchAll(/<text class="axis" x="[\d.]+" y="\d+" text-anchor="\w+">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels.slice(2)).toEqual(['11-20 03:00', '04:00', '05:00', '06:00', '07:00', '08:00', '09:00', '10:00']);
    expect(html).toContain('>time (UTC)</text>');
  });

  it('says how many more dependencies had outages when the lanes are capped', async () => {
    // Prepare: 30 dependencies with one outage each, 2 more counted but not listed
    const base = await summary();
    const outage = base.outages.items[0]!;
    const items = Array.from({ length: 30 }, (_, i) => ({ ...outage, dependency: `dep-${i}` }));
    const byDependency = Array.from({ length: 32 }, (_, i) => ({ ...base.outages.byDependency[0]!, dependency: `dep-${i}` }));
    const capped = { ...base, outages: { total: 32, items, byDependency } };

    // Act
    const html = renderReplayHtml(capped);

    // Assess
    expect(html.match(/<text class="lane" /g)).toHaveLength(25);
    expect(html).toContain('>and 7 more dependencies with outages (see Dependency outages below)</text>');
    expect(html.match(/<rect class="outage/g)).toHaveLength(25);
  });
});
