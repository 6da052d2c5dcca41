import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideUrl, signLink } from '../../lambdas/app/one-click/signed-link';
import { LINK_SECRET, PUBLIC_URL, startActionsWorld, urlEvent } from './actions-world';

type World = Awaited<ReturnType<typeof startActionsWorld>>;
let world: World;

beforeEach(async () => {
  world = await startActionsWorld();
});
afterEach(async () => {
  await world.stop();
});

/** GET of a link as a browser (or a mail scanner) would open it. */
function open(url: string) {
  const u = new URL(url);
  return world.call(urlEvent({ method: 'GET', path: u.pathname, query: u.search.slice(1) }));
}

/** The hidden fields of the confirmation page's form. */
function formOf(html: string): Record<string, string> {
  const fields = [...html.matchAll(/<input type="hidden" name="([a-z]+)" value="([^"]*)">/g)];
  return Object.fromEntries(fields.map((m) => [m[1]!, m[2]!]));
}

function submit(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return world.call(
    urlEvent({
      method: 'POST',
      path: '/decide',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC_URL, ...headers },
      sourceIp: '198.51.100.23',
    }),
  );
}

describe('actions handler: signed links', () => {
  it('puts one signed link per finding in the SNS message', async () => {
    // Act
    const { links, findingIds } = await world.incident('07-self-reference-removed');

    // Assess
    expect(links.map((l) => l.findingId)).toEqual(findingIds);
    expect(links[0]!.url.startsWith(`${PUBLIC_URL}/decide?f=${findingIds[0]}&exp=`)).toBe(true);
  });

  it('shows what a link would revert and changes nothing, however often it is opened', async () => {
    // Prepare
    const { links } = await world.incident('07-self-reference-removed');

    // Act
    const pages = [await open(links[0]!.url), await open(links[0]!.url)];

    // Assess
    expect(pages.map((p) => p.statusCode)).toEqual([200, 200]);
    expect(pages[0]!.body).toContain('cache-cluster: tcp/6379 blocked by sg-ingress');
    expect(pages[0]!.body).toContain('Re-authorize tcp 6379 from sg-0cache321 on sg-0cache321');
    expect(pages[0]!.headers).toMatchObject({ 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
    expect(world.writes()).toBe(0);
    expect((await world.decisions.get(links[0]!.findingId))?.status).toBe('pending');
  });

  it('reverts once the page’s form is posted, and says so; posting it again reverts nothing more', async () => {
    // Prepare
    const { links } = await world.incident('07-self-reference-removed');
    const form = formOf((await open(links[0]!.url)).body ?? '');

    // Act
    const result = await submit(form);
    const again = await submit(form);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.body).toMatch(
      /<h1>Reverted<\/h1>\s*<p id="outcome">reverted by signed link from 198\.51\.100\.23 at /,
    );
    expect(again.statusCode).toBe(409);
    expect(world.writes()).toBe(1);
    const audit = await world.audit.forGroup('sg-0cache321');
    expect(audit[0]).toMatchObject({ action: 'approved-revert', approver: 'signed link from 198.51.100.23' });
  });

  it.each([
    ['a changed finding id', (u: URL) => u.searchParams.set('f', 'fnd-00000000'), 403, 'Invalid link'],
    [
      'a later expiry',
      (u: URL) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 86400)),
      403,
      'Invalid link',
    ],
    ['a changed signature', (u: URL) => u.searchParams.set('sig', 'f'.repeat(64)), 403, 'Invalid link'],
  ])('refuses a link with %s', async (_name, tamper, status, title) => {
    // Prepare
    const { links } = await world.incident('07-self-reference-removed');
    const url = new URL(links[0]!.url);
    tamper(url);

    // Act
    const page = await open(url.toString());

    // Assess
    expect(page.statusCode).toBe(status);
    expect(page.body).toContain(`<h1>${title}</h1>`);
    expect(world.writes()).toBe(0);
  });

  it('refuses an expired link with 410, on the page and on the form', async () => {
    // Prepare
    const { findingIds } = await world.incident('07-self-reference-removed');
    const exp = Math.floor(Date.now() / 1000) - 60;
    const url = decideUrl(PUBLIC_URL, findingIds[0]!, exp, signLink(LINK_SECRET, findingIds[0]!, exp));

    // Act
    const page = await open(url);
    const post = await submit({
      f: findingIds[0]!,
      exp: String(exp),
      sig: signLink(LINK_SECRET, findingIds[0]!, exp),
    });

    // Assess
    expect([page.statusCode, post.statusCode]).toEqual([410, 410]);
    expect(page.body).toContain('<h1>Link expired</h1>');
    expect(world.writes()).toBe(0);
    expect((await world.decisions.get(findingIds[0]!))?.status).toBe('pending');
  });

  it.each([
    ['without the page’s token', (f: Record<string, string>) => ({ ...f, token: '0'.repeat(64) }), {}],
    ['from another web site', (f: Record<string, string>) => f, { origin: 'https://evil.example' }],
  ])('refuses a form posted %s', async (_name, change, headers) => {
    // Prepare
    const { links } = await world.incident('07-self-reference-removed');
    const form = change(formOf((await open(links[0]!.url)).body ?? ''));

    // Act
    const result = await submit(form, headers);

    // Assess
    expect(result.statusCode).toBe(403);
    expect(world.writes()).toBe(0);
    expect((await world.decisions.get(links[0]!.findingId))?.status).toBe('pending');
  });
});
