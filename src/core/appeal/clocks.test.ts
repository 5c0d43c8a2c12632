import { describe, expect, it } from 'vitest';
import { appealClock, appealLadder, decisionDueAt, nextAppealLevel } from './clocks.ts';
import { peerToPeerWindow } from './peer-to-peer.ts';

const deniedAt = '2026-03-02T15:00:00.000Z';

describe('appeal clocks per line of business', () => {
  it('gives a Medicare Advantage reconsideration 65 days to file and 30 days / 72 hours to decide', () => {
    const standard = appealClock({
      lineOfBusiness: 'medicare_advantage',
      kind: 'reconsideration',
      expedited: false,
      deniedAt,
    });
    expect(standard.filingDeadline).toBe('2026-05-06T15:00:00.000Z');
    expect(standard.decisionWindow).toEqual({ hours: 720, text: '30 calendar days' });
    expect(standard.level).toBe(1);
    expect(standard.sources.join(' ')).toMatch(/422\.582\(b\).*422\.590\(a\)\(1\).*422\.590\(e\)/);
    const expedited = appealClock({
      lineOfBusiness: 'medicare_advantage',
      kind: 'reconsideration',
      expedited: true,
      deniedAt,
    });
    expect(expedited.filingDeadline).toBe(standard.filingDeadline);
    expect(expedited.decisionWindow).toEqual({ hours: 72, text: '72 hours' });
  });

  it('gives an ERISA internal appeal 180 days to file and 30 days / 72 hours (urgent) to decide', () => {
    const standard = appealClock({ lineOfBusiness: 'commercial', kind: 'appeal', expedited: false, deniedAt });
    expect(standard.filingDeadline).toBe('2026-08-29T15:00:00.000Z');
    expect(standard.decisionWindow?.hours).toBe(720);
    expect(standard.sources.join(' ')).toMatch(/2560\.503-1\(h\)\(3\)\(i\).*\(i\)\(2\)\(ii\).*\(i\)\(2\)\(i\)/);
    expect(
      appealClock({ lineOfBusiness: 'commercial', kind: 'appeal', expedited: true, deniedAt }).decisionWindow?.hours,
    ).toBe(72);
  });

  it('gives a Medicaid managed care appeal 60 days to file and 30 days / 72 hours to decide', () => {
    const standard = appealClock({
      lineOfBusiness: 'medicaid_managed_care',
      kind: 'appeal',
      expedited: false,
      deniedAt,
    });
    expect(standard.filingDeadline).toBe('2026-05-01T15:00:00.000Z');
    expect(standard.decisionWindow?.text).toBe('30 calendar days');
    expect(standard.sources.join(' ')).toMatch(/438\.402\(c\)\(2\)\(ii\).*438\.408\(b\)\(2\).*438\.408\(b\)\(3\)/);
    expect(
      appealClock({ lineOfBusiness: 'medicaid_managed_care', kind: 'appeal', expedited: true, deniedAt }).decisionWindow
        ?.hours,
    ).toBe(72);
  });

  it('invents no clock for a line of business without a coded federal rule', () => {
    for (const lineOfBusiness of ['unknown', 'original_medicare', 'medicaid_ffs', 'exchange']) {
      const clock = appealClock({ lineOfBusiness, kind: 'appeal', expedited: false, deniedAt });
      expect(clock).toEqual({
        filingDeadline: null,
        decisionWindow: null,
        sources: [],
        level: null,
        unknown: 'unknown, check the plan documents',
      });
    }
  });

  it('answers a level the line of business does not have as payer policy, unknown', () => {
    const clock = appealClock({ lineOfBusiness: 'commercial', kind: 'reconsideration', expedited: false, deniedAt });
    expect(clock.filingDeadline).toBeNull();
    expect(clock.unknown).toMatch(/payer policy.*ERISA group health plan internal appeal.*check the plan documents/);
  });

  it('sends an upheld Medicare Advantage reconsideration on to the IRE, without a filing deadline', () => {
    expect(nextAppealLevel('medicare_advantage', 1)).toEqual({
      kind: 'external_review',
      level: 2,
      name: 'Independent Review Entity (IRE)',
    });
    const ire = appealClock({
      lineOfBusiness: 'medicare_advantage',
      kind: 'external_review',
      expedited: false,
      deniedAt,
    });
    expect(ire).toMatchObject({ filingDeadline: null, decisionWindow: null, level: 2 });
    expect(ire.unknown).toMatch(/unknown/);
    expect(nextAppealLevel('commercial', 1)).toBeNull();
    expect(appealLadder('unknown')).toEqual([]);
  });

  it('counts the decision window from the time the reviewer received the request', () => {
    expect(decisionDueAt({ hours: 72, text: '72 hours' }, '2026-03-10T09:30:00.000Z')).toBe('2026-03-13T09:30:00.000Z');
    expect(decisionDueAt(null, '2026-03-10T09:30:00.000Z')).toBeNull();
  });
});

describe('peer-to-peer window', () => {
  it('is unknown, with the reason, when the payer has no configured window', () => {
    const window = peerToPeerWindow({ lineOfBusiness: 'medicare_advantage', deniedAt });
    expect(window.deadline).toBeNull();
    expect(window.source).toMatch(/^unknown: no regulation sets a peer-to-peer window/);
  });

  it("follows the payer's configured window", () => {
    const window = peerToPeerWindow({
      lineOfBusiness: 'commercial',
      deniedAt,
      payerPolicy: { days: 14, source: 'provider manual, read 2026-01-05' },
    });
    expect(window.deadline).toBe('2026-03-16T15:00:00.000Z');
    expect(window.source).toMatch(/payer policy: 14 calendar days/);
  });
});
