import { describe, expect, it } from 'vitest';
import { CaseConflictError } from '../case/index.ts';
import { InvalidInputError } from '../fhir/index.ts';
import { decideAppeal, fileAppeal, openAppeal, viewAppeal, type OpenAppealInput } from './appeal.ts';
import { attemptOf, authorizationOf } from './authorization.ts';
import { withOrderCode } from './attempt.ts';

const deniedAt = '2026-03-02T15:00:00.000Z';
const opening: OpenAppealInput = {
  id: 'a1',
  status: 'denied',
  lineOfBusiness: 'medicare_advantage',
  kind: 'reconsideration',
  expedited: false,
  adverseAt: deniedAt,
  now: '2026-03-03T10:00:00.000Z',
  reason: 'the record shows six weeks of therapy',
  previous: [],
};

describe('an appeal, step by step', () => {
  it('opens against a denial with the clock of its line of business', () => {
    const appeal = openAppeal(opening);
    expect(appeal).toMatchObject({
      state: 'drafting',
      level: 1,
      appealedStatus: 'denied',
      filingDeadline: '2026-05-06T15:00:00.000Z',
    });
    const view = viewAppeal(appeal, '2026-05-05T15:00:00.000Z');
    expect(view.timeLeftSeconds).toBe(86_400);
    expect(view.overdue).toBe(false);
    expect(view.sources[0]).toMatch(/422\.582\(b\)/);
  });

  it('refuses an opening past the filing deadline unless a late-filing reason is given', () => {
    const late = { ...opening, now: '2026-05-07T00:00:00.000Z' };
    expect(() => openAppeal(late)).toThrow(InvalidInputError);
    expect(() => openAppeal(late)).toThrow(/filing deadline passed on 2026-05-06T15:00:00.000Z/);
    const excused = openAppeal({ ...late, lateFilingReason: 'the notice reached the practice on 2026-05-01' });
    expect(excused.lateFilingReason).toMatch(/notice reached/);
  });

  it('opens with no invented clock for an unknown line of business', () => {
    const appeal = openAppeal({ ...opening, lineOfBusiness: 'unknown', kind: 'appeal' });
    expect(appeal.filingDeadline).toBeNull();
    const view = viewAppeal(appeal, opening.now);
    expect(view).toMatchObject({ unknown: 'unknown, check the plan documents', timeLeftSeconds: null, sources: [] });
  });

  it('refuses a case without an adverse decision, and a level out of order', () => {
    expect(() => openAppeal({ ...opening, status: 'approved' })).toThrow(CaseConflictError);
    expect(() => openAppeal({ ...opening, status: 'in_appeal' })).toThrow('an appeal of this case is already open');
    expect(() => openAppeal({ ...opening, kind: 'external_review' })).toThrow(/follows an upheld level 1/);
  });

  it('starts the decision clock at filing and moves the case by the outcome', () => {
    const filed = fileAppeal(
      openAppeal({ ...opening, expedited: true }),
      '2026-03-04T09:00:00.000Z',
      '2026-03-04T10:00:00.000Z',
    );
    expect(filed).toMatchObject({ state: 'filed', decisionDueAt: '2026-03-07T09:00:00.000Z' });
    expect(() => fileAppeal(filed, '2026-03-04T09:00:00.000Z', '2026-03-04T10:00:00.000Z')).toThrow(
      'the appeal is already filed',
    );
    const upheld = decideAppeal(filed, 'upheld', '2026-03-06T09:00:00.000Z', '2026-03-06T10:00:00.000Z');
    expect(upheld.to).toBe('denied');
    expect(upheld.nextLevel).toEqual({ kind: 'external_review', level: 2, name: 'Independent Review Entity (IRE)' });
    const overturned = decideAppeal(filed, 'overturned', '2026-03-06T09:00:00.000Z', '2026-03-06T10:00:00.000Z', 'A1');
    expect(overturned).toMatchObject({ to: 'approved', nextLevel: null, appeal: { authorizationNumber: 'A1' } });
    // The IRE level opens once level 1 was upheld.
    const ire = openAppeal({ ...opening, kind: 'external_review', previous: [upheld.appeal] });
    expect(ire).toMatchObject({ level: 2, filingDeadline: null });
  });

  it('refuses times in the future or before the previous step', () => {
    const appeal = openAppeal(opening);
    expect(() => fileAppeal(appeal, '2026-03-05T00:00:00.000Z', opening.now)).toThrow(/in the future/);
    expect(() => fileAppeal(appeal, '2026-03-01T00:00:00.000Z', opening.now)).toThrow(/before the appeal was opened/);
    expect(() => decideAppeal(appeal, 'upheld', opening.now, opening.now)).toThrow(/not filed yet/);
  });
});

describe('the authorization and the attempt of a case', () => {
  it('takes the latest approving answer, with its period, or an overturn', () => {
    const events = [
      { type: 'payer.responded', payload: { outcome: 'not_certified', items: [{ reasonCodes: ['0U'] }] } },
      {
        type: 'payer.responded',
        payload: {
          outcome: 'certified',
          items: [{ authorizationNumber: 'AUTH-1', authorizedPeriod: { start: '2026-03-02', end: '2026-08-29' } }],
        },
      },
    ];
    expect(authorizationOf([])).toBeNull();
    expect(authorizationOf(events.slice(0, 1))).toBeNull();
    expect(authorizationOf(events)).toEqual({ number: 'AUTH-1', validFrom: '2026-03-02', validTo: '2026-08-29' });
    expect(
      authorizationOf([
        ...events,
        { type: 'appeal.decided', payload: { outcome: 'overturned', authorizationNumber: 'A2' } },
      ]),
    ).toEqual({ number: 'A2', validFrom: null, validTo: null });
    expect(attemptOf(events)).toBe(1);
    expect(attemptOf([...events, { type: 'attempt.started', payload: {} }])).toBe(2);
  });

  it('re-codes the order of a new attempt and names it by the new code', () => {
    const bundle = {
      resourceType: 'Bundle' as const,
      type: 'collection' as const,
      entry: [
        {
          resource: {
            resourceType: 'ServiceRequest' as const,
            id: 'o1',
            status: 'active' as const,
            intent: 'order' as const,
            subject: { reference: 'Patient/p' },
            code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '72148' }], text: 'MRI lumbar' },
          },
        },
      ],
    };
    const changed = withOrderCode(bundle, 'ServiceRequest/o1', { code: '72149' });
    const order = changed.entry?.[0]?.resource;
    expect(order?.resourceType === 'ServiceRequest' && order.code).toEqual({
      coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '72149' }],
    });
    expect(bundle.entry[0]?.resource.code.coding[0]?.code).toBe('72148');
    expect(() => withOrderCode(bundle, 'MedicationRequest/m', { code: '72149' })).toThrow(/only a service order/);
    expect(() => withOrderCode(bundle, 'ServiceRequest/o1', { code: '7214' })).toThrow(/not a well-formed/);
  });
});
