import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import { ConfigError } from '../../../lambdas/core/config/errors';
import { breakGlassStatus } from '../../../lambdas/core/verdict/break-glass';

const config = parseConfig('dependencies: []', 'guardian.yaml');
const NOW = new Date('2026-11-20T18:00:00Z');

describe('exemptions.breakGlassMaxHours', () => {
  it('defaults to 24 hours', () => {
    expect(config.exemptions.breakGlassMaxHours).toBe(24);
  });

  it('can be set, and must be a positive number of hours', () => {
    // Act
    const set = parseConfig('exemptions: { breakGlassMaxHours: 4 }', 'guardian.yaml');

    // Assess
    expect(set.exemptions.breakGlassMaxHours).toBe(4);
    for (const bad of ['0', '-1', '"24"'])
      expect(() => parseConfig(`exemptions: { breakGlassMaxHours: ${bad} }`, 'guardian.yaml')).toThrow(
        ConfigError,
      );
  });
});

describe('breakGlassStatus', () => {
  const cases: {
    name: string;
    until: string;
    openedAt?: string;
    maxHours?: number;
    honoured: boolean;
    exceedsLimit: boolean;
    to?: string;
    message: RegExp | '';
  }[] = [
    {
      name: 'a tag within the limit is honoured until its time, silently',
      until: '2026-11-20T20:00:00Z',
      openedAt: '2026-11-20T17:00:00Z',
      honoured: true,
      exceedsLimit: false,
      to: '2026-11-20T20:00:00.000Z',
      message: '',
    },
    {
      name: 'a 2099 tag set an hour ago is honoured only until the set time + 24 h, and reported',
      until: '2099-01-01T00:00:00Z',
      openedAt: '2026-11-20T17:00:00Z',
      honoured: true,
      exceedsLimit: true,
      to: '2026-11-21T17:00:00.000Z',
      message:
        /^exemption on sg-0a until 2099-01-01T00:00:00Z \(set 2026-11-20T17:00:00.000Z\) exceeds exemptions.breakGlassMaxHours 24: honoured until 2026-11-21T17:00:00.000Z$/,
    },
    {
      name: 'a 2099 tag set 30 h ago is no longer honoured',
      until: '2099-01-01T00:00:00Z',
      openedAt: '2026-11-19T12:00:00Z',
      honoured: false,
      exceedsLimit: true,
      to: '2026-11-20T12:00:00.000Z',
      message: /honoured until 2026-11-20T12:00:00.000Z \(passed\)$/,
    },
    {
      name: 'a 2099 tag whose set time is unknown is not honoured',
      until: '2099-01-01T00:00:00Z',
      honoured: false,
      exceedsLimit: true,
      message: /set is unknown: not honoured before 2098-12-31T00:00:00.000Z$/,
    },
    {
      name: 'a tag of unknown set time ending within the limit is honoured',
      until: '2026-11-21T06:00:00Z',
      honoured: true,
      exceedsLimit: false,
      to: '2026-11-21T06:00:00.000Z',
      message: '',
    },
    {
      name: 'a lower limit from the config caps a tag the default would honour',
      until: '2026-11-21T06:00:00Z',
      openedAt: '2026-11-20T17:00:00Z',
      maxHours: 0.5,
      honoured: false,
      exceedsLimit: true,
      to: '2026-11-20T17:30:00.000Z',
      message: /breakGlassMaxHours 0.5: honoured until 2026-11-20T17:30:00.000Z \(passed\)$/,
    },
  ];

  it.each(cases)('$name', (c) => {
    // Prepare
    const policy = { ...config, exemptions: { ...config.exemptions, breakGlassMaxHours: c.maxHours ?? 24 } };

    // Act
    const status = breakGlassStatus({
      groupId: 'sg-0a',
      until: c.until,
      ...(c.openedAt && { openedAt: c.openedAt }),
      config: policy,
      now: NOW,
    });

    // Assess
    expect(status.honoured).toBe(c.honoured);
    expect(status.exceedsLimit).toBe(c.exceedsLimit);
    if (c.to) expect(status.window?.to).toBe(c.to);
    if (c.message === '') expect(status.message).toBe('');
    else expect(status.message).toMatch(c.message);
  });
});
