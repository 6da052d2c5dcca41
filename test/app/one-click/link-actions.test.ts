import { describe, expect, it } from 'vitest';
import { confirmDecision, type LinkDeps, showDecision } from '../../../lambdas/app/one-click/link-actions';
import { signLink } from '../../../lambdas/app/one-click/signed-link';
import { NOW } from '../../support/examples';
import { decideWorld, notifiedIncident, tickingClock } from './fixtures';

const SECRET = 'k'.repeat(40);

/** A pending decision for the SSH-to-world incident, and a valid signed link's query for it. */
async function world() {
  const { verdict, after } = await notifiedIncident('05-ssh-open-to-world');
  const { deps: decide, decisions, audit, state } = await decideWorld(verdict, after);
  const deps: LinkDeps = { ...decide, linkSecret: async () => SECRET, clock: tickingClock() };
  const findingId = verdict.findings[0]!.id;
  const exp = Math.floor(NOW.getTime() / 1000) + 3600;
  const query = { f: findingId, exp: String(exp), sig: signLink(SECRET, findingId, exp) };
  return { deps, decisions, audit, state, after, findingId, query };
}

const get = (query: Record<string, string>) => ({ method: 'GET', path: '/decide', query, headers: {}, body: '' });
const post = (fields: Record<string, string>) => ({
  method: 'POST',
  path: '/decide',
  query: {},
  headers: {},
  body: new URLSearchParams(fields).toString(),
  sourceIp: '198.51.100.7',
});

function formOf(html: string): Record<string, string> {
  const fields = [...html.matchAll(/<input type="hidden" name="([a-z]+)" value="([^"]*)">/g)];
  return Object.fromEntries(fields.map((m) => [m[1]!, m[2]!]));
}

describe('signed link pages', () => {
  it('offers Revert and Keep with the severity of the change', async () => {
    // Prepare
    const w = await world();

    // Act
    const page = await showDecision(get(w.query), w.deps);

    // Assess
    expect(page.status).toBe(200);
    expect(page.body).toContain('<button type="submit" id="revert">Revert</button>');
    expect(page.body).toContain('<button type="submit" id="keep" name="choice" value="keep">Keep</button>');
    expect(page.body).toMatch(/<span class="sev sev-(critical|high)" id="severity">Severity: (critical|high)<\/span>/);
  });

  it('keeps the change when Keep is pressed: nothing is reverted, the decision is kept and audited', async () => {
    // Prepare
    const w = await world();
    const form = formOf((await showDecision(get(w.query), w.deps)).body);

    // Act
    const result = await confirmDecision(post({ ...form, choice: 'keep' }), w.deps);

    // Assess
    expect(result.status).toBe(200);
    expect(result.body).toMatch(/<h1>Kept<\/h1>\s*<p id="outcome">kept by signed link from 198\.51\.100\.7 at /);
    expect(w.state.model).toBe(w.after);
    expect((await w.decisions.get(w.findingId))?.status).toBe('kept');
    expect(w.audit).toEqual([expect.objectContaining({ action: 'kept', approver: 'signed link from 198.51.100.7' })]);
  });

  it('still reverts when the form is posted without a choice (the Revert button)', async () => {
    // Prepare
    const w = await world();
    const form = formOf((await showDecision(get(w.query), w.deps)).body);

    // Act
    const result = await confirmDecision(post(form), w.deps);

    // Assess
    expect(result.body).toContain('<h1>Reverted</h1>');
    expect(w.state.model).not.toBe(w.after);
    expect((await w.decisions.get(w.findingId))?.status).toBe('reverted');
  });

  it('puts Keep first and focused when the link came from a Keep link', async () => {
    // Prepare
    const w = await world();

    // Act
    const page = await showDecision(get({ ...w.query, choice: 'keep' }), w.deps);

    // Assess
    expect(page.body).toMatch(/<button [^>]*id="keep"[^>]* autofocus>Keep<\/button><button [^>]*id="revert"/);
  });
});
