import { describe, expect, it } from 'vitest';
import { timeTicks } from '../../../lambdas/app/render/replay-time-axis';

const ms = (iso: string) => Date.parse(iso);

describe('timeTicks', () => {
  it.each([
    {
      span: 'one hour: quarter hours',
      start: '2026-11-20T03:00:00Z',
      end: '2026-11-20T04:00:00Z',
      labels: ['11-20 03:00', '03:15', '03:30', '03:45', '04:00'],
    },
    {
      span: 'three hours: half hours',
      start: '2026-11-20T03:00:00Z',
      end: '2026-11-20T06:00:00Z',
      labels: ['11-20 03:00', '03:30', '04:00', '04:30', '05:00', '05:30', '06:00'],
    },
    {
      span: '7 h 20 min from an odd minute: round hours',
      start: '2026-11-20T03:40:00Z',
      end: '2026-11-20T11:00:00Z',
      labels: ['11-20 04:00', '05:00', '06:00', '07:00', '08:00', '09:00', '10:00', '11:00'],
    },
    {
      span: 'across midnight: the date where the day starts',
      start: '2026-11-20T20:00:00Z',
      end: '2026-11-21T08:00:00Z',
      labels: ['11-20 20:00', '22:00', '11-21 00:00', '02:00', '04:00', '06:00', '08:00'],
    },
    {
      span: 'five days: midnights',
      start: '2026-11-20T03:00:00Z',
      end: '2026-11-25T03:00:00Z',
      labels: ['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'],
    },
    {
      span: 'ten days: every other midnight',
      start: '2026-11-20T00:00:00Z',
      end: '2026-11-30T00:00:00Z',
      labels: ['2026-11-21', '2026-11-23', '2026-11-25', '2026-11-27', '2026-11-29'],
    },
  ])('$span', ({ start, end, labels }) => {
    // Act
    const ticks = timeTicks(ms(start), ms(end));

    // Assess
    expect(ticks.map((t) => t.label)).toEqual(labels);
    for (const t of ticks) expect(new Date(t.at).toISOString()).toMatch(/T\d\d:(00|15|30|45):00\.000Z$/);
  });

  it('never gives more ticks than asked for, on round UTC times, for any span', () => {
    // Prepare
    const start = ms('2026-11-20T03:17:00Z');
    for (const hours of [1, 2, 5, 13, 30, 100, 400, 2000, 9000, 40_000]) {
      // Act
      const ticks = timeTicks(start, start + hours * 3_600_000, 8);

      // Assess
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(8);
      for (const t of ticks) expect(t.at % (15 * 60_000)).toBe(0);
      if (hours >= 200) for (const t of ticks) expect(new Date(t.at).toISOString()).toContain('T00:00:00');
    }
  });
});
