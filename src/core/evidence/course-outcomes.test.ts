// Courses assembled from a record's fragments, with the outcome linked from the sentence that states it.
import { describe, expect, it } from 'vitest';
import type { Fact, MeasurementFact, TherapyFact } from './fact.ts';
import { linkCourseOutcomes } from './course-outcomes.ts';

const NOTE = 'DocumentReference/visit';
const noteDates = new Map([[NOTE, '2026-04-20']]);
const asOf = '2026-04-20';

const prescription = (agent: string, modality: TherapyFact['modality'], start: string, end: string): TherapyFact => ({
  kind: 'therapy',
  modality,
  agent,
  start,
  end,
  endAssumed: true,
  outcome: 'completed',
  assertion: 'affirmed',
  date: start,
  source: { reference: `MedicationRequest/${agent}`, text: `MedicationRequest: ${agent}` },
});

let offset = 0;
const said = (text: string, fact: Partial<TherapyFact> & Pick<TherapyFact, 'modality'>): TherapyFact => {
  offset += 100;
  return {
    kind: 'therapy',
    assertion: 'affirmed',
    date: '2026-04-20',
    ...fact,
    source: { reference: NOTE, text, start: offset, end: offset + text.length },
  };
};

const linked = (facts: Fact[]) =>
  linkCourseOutcomes(facts, { noteDates, asOf }).filter(
    (f): f is TherapyFact => f.kind === 'therapy' && f.basis !== undefined,
  );

describe('course outcomes', () => {
  it('links a class statement of the right potency to the dated course, citing the statement', () => {
    const facts = [
      prescription('mometasone', 'topical_corticosteroid', '2026-01-05', '2026-02-04'),
      prescription('hydrocortisone', 'topical_corticosteroid', '2026-01-05', '2026-02-04'),
      said('Eczema not controlled after 3 months of a mid-potency topical steroid.', {
        modality: 'topical_corticosteroid',
        outcome: 'failed',
      }),
    ];
    const courses = linked(facts);
    expect(courses).toHaveLength(1);
    expect(courses[0]).toMatchObject({ agent: 'mometasone', start: '2026-01-05', outcome: 'failed' });
    expect(courses[0]?.source.reference).toBe(NOTE);
    expect(courses[0]?.basis?.[0]?.reference).toBe('MedicationRequest/mometasone');
  });

  it('extends a course to the latest note that says it is still taken', () => {
    const facts = [
      prescription('cyclosporine', 'cyclosporine', '2025-12-01', '2025-12-31'),
      said('Cyclosporine 3 mg/kg continues, BP stable.', {
        modality: 'cyclosporine',
        agent: 'cyclosporine',
        outcome: 'ongoing',
      }),
      said('Psoriasis flaring despite cyclosporine.', {
        modality: 'cyclosporine',
        agent: 'cyclosporine',
        outcome: 'failed',
      }),
    ];
    const [course] = linked(facts);
    expect(course).toMatchObject({ start: '2025-12-01', end: '2026-04-20', outcome: 'failed' });
    expect(course?.endAssumed).toBeUndefined();
  });

  it('reads a prescription many months after a course ended as a new course, not the old one stretched', () => {
    const ended: TherapyFact = {
      ...prescription('clobetasol', 'topical_corticosteroid', '2025-01-13', '2025-02-10'),
      endAssumed: false,
    };
    delete ended.endAssumed;
    const [course] = linked([
      ended,
      said('02/10/2025: clobetasol course completed, only mild improvement, flares within a week.', {
        modality: 'topical_corticosteroid',
        agent: 'clobetasol',
        outcome: 'failed',
      }),
      said('Clobetasol 0.05% ointment BID to body x 4 weeks prescribed.', {
        modality: 'topical_corticosteroid',
        agent: 'clobetasol',
        outcome: 'ongoing',
      }),
    ]);
    expect(course).toMatchObject({ start: '2025-01-13', end: '2025-02-10', outcome: 'failed' });
  });

  it('does not extend a course to a note that marks "continues" as copied from an earlier visit', () => {
    const copied = {
      ...said('Continues cyclosporine 3 mg/kg [copied from prior].', {
        modality: 'cyclosporine',
        agent: 'cyclosporine',
        outcome: 'ongoing',
      }),
      date: '2026-01-10',
      copiedFrom: { reference: NOTE, text: '[copied from prior]' },
    };
    const failed = said('Psoriasis flaring despite cyclosporine.', {
      modality: 'cyclosporine',
      agent: 'cyclosporine',
      outcome: 'failed',
    });
    const [course] = linked([prescription('cyclosporine', 'cyclosporine', '2025-12-01', '2025-12-31'), copied, failed]);
    expect(course?.end).toBe('2026-01-10');
  });

  it('does not extend a course to a note whose medication list still carries it when the note says it stopped', () => {
    const facts = [
      prescription('methotrexate', 'methotrexate', '2026-02-09', '2026-03-09'),
      said('MTX: failed, stopped.', {
        modality: 'methotrexate',
        agent: 'methotrexate',
        outcome: 'failed',
        endedBy: '2026-04-20',
      }),
      said('Current meds: methotrexate 2.5 mg tab - 6 tabs PO weekly.', {
        modality: 'methotrexate',
        agent: 'methotrexate',
        outcome: 'ongoing',
      }),
    ];
    const [course] = linked(facts);
    expect(course).toMatchObject({ start: '2026-02-09', outcome: 'failed', endAssumed: true });
    expect(course?.end).toBe('2026-03-09');
  });

  it('does not let a planned length outlast the dates the course was used', () => {
    const facts = [
      said('Fluocinonide 0.05% ointment BID x 4 weeks.', {
        modality: 'topical_corticosteroid',
        agent: 'fluocinonide',
        durationWeeks: 4,
      }),
      said('Used fluocinonide 03/02/2026 - 03/11/2026, then stopped; did not see quick results.', {
        modality: 'topical_corticosteroid',
        agent: 'fluocinonide',
        start: '2026-03-02',
        end: '2026-03-11',
        outcome: 'failed',
      }),
    ];
    const [course] = linked(facts);
    expect(course).toMatchObject({ start: '2026-03-02', end: '2026-03-11', durationWeeks: 1.3 });
  });

  it('lets the numbers of a sentence overrule its words', () => {
    const [fact] = linkCourseOutcomes(
      [
        said('Acitretin helped a little, PASI improved from 15.0 to 13.5.', {
          modality: 'acitretin',
          agent: 'acitretin',
          outcome: 'improved',
        }),
      ],
      { noteDates, asOf },
    );
    expect(fact).toMatchObject({ kind: 'therapy', outcome: 'failed' });
  });

  it('judges a systemic course with no stated result by the score before it and at its end', () => {
    const score = (value: number, date: string): MeasurementFact => ({
      kind: 'measurement',
      name: 'pasi',
      value,
      unit: '{score}',
      assertion: 'affirmed',
      date,
      source: { reference: `Observation/pasi-${date}`, text: `PASI ${value}` },
    });
    const course = { ...prescription('methotrexate', 'methotrexate', '2025-10-01', '2026-03-01'), endAssumed: false };
    const [judged] = linked([course, score(16, '2025-09-30'), score(15, '2026-02-20')]);
    expect(judged).toMatchObject({ agent: 'methotrexate', outcome: 'failed' });
    expect(judged?.source.reference).toBe('Observation/pasi-2026-02-20');
  });

  it('leaves a course said both to have helped and to have failed undecided', () => {
    const facts = [
      prescription('tacrolimus', 'topical_calcineurin_inhibitor', '2026-01-10', '2026-02-10'),
      said('Tacrolimus helped the face.', {
        modality: 'topical_calcineurin_inhibitor',
        agent: 'tacrolimus',
        outcome: 'improved',
      }),
      said('Tacrolimus failed on the hands.', {
        modality: 'topical_calcineurin_inhibitor',
        agent: 'tacrolimus',
        outcome: 'failed',
      }),
    ];
    expect(linked(facts)).toEqual([]);
  });

  it('never makes a course of the pending order', () => {
    const order = prescription('secukinumab', 'biologic', '2026-04-20', '2026-05-20');
    const facts = [
      order,
      said('Secukinumab failed before.', { modality: 'biologic', agent: 'secukinumab', outcome: 'failed' }),
    ];
    const out = linkCourseOutcomes(facts, { noteDates, asOf, orderReference: order.source.reference });
    expect(out.filter((f) => f.kind === 'therapy' && f.basis !== undefined)).toEqual([]);
  });

  it('negates a therapy a checkbox or a refusal says was not tried, and a denied contraindication', () => {
    const out = linkCourseOutcomes(
      [
        said('Phototherapy: [ ] tried [X] not tried', { modality: 'phototherapy' }),
        said('She declined pimecrolimus.', { modality: 'topical_calcineurin_inhibitor', agent: 'pimecrolimus' }),
        said('No contraindication to methotrexate; normal LFTs.', {
          modality: 'methotrexate',
          agent: 'methotrexate',
          outcome: 'contraindicated',
        }),
      ],
      { noteDates, asOf },
    ) as TherapyFact[];
    expect(out.map((f) => f.assertion)).toEqual(['negated', 'negated', 'affirmed']);
    expect(out[2]?.outcome).toBeUndefined();
  });

  it('keeps a drug taken when the "no" belongs to its result', () => {
    const [fact] = linkCourseOutcomes(
      [
        said('No objective improvement on apremilast after a year.', {
          modality: 'apremilast',
          agent: 'apremilast',
          outcome: 'failed',
          assertion: 'negated',
        }),
      ],
      { noteDates, asOf },
    );
    expect(fact?.assertion).toBe('affirmed');
  });

  it('takes a therapy offered and refused for not tried, unless the refusal is only foreseen', () => {
    const refused = said('Medium potency TCS recommended but family declines.', {
      modality: 'topical_corticosteroid',
      assertion: 'hypothetical',
    });
    const foreseen = said('If she declines TCS, consider phototherapy.', {
      modality: 'topical_corticosteroid',
      assertion: 'hypothetical',
    });
    const out = linkCourseOutcomes([refused, foreseen], { noteDates, asOf }).filter(
      (f): f is TherapyFact => f.kind === 'therapy',
    );
    expect(out.map((f) => f.assertion)).toEqual(['negated', 'hypothetical']);
  });

  it('does not run a course on to a note that lists it with its own end', () => {
    const used = said('Opzelura samples used to neck 06/10 through 07/30/2025 with modest improvement.', {
      modality: 'topical_jak_inhibitor',
      agent: 'ruxolitinib',
      start: '2025-06-10',
      end: '2025-07-30',
      outcome: 'improved',
    });
    const listed = said('Ruxolitinib 1.5% cream - samples 06/10-07/30/2025, discontinued, not in use.', {
      modality: 'topical_jak_inhibitor',
      agent: 'ruxolitinib',
      start: '2025-06-10',
      end: '2025-07-30',
      outcome: 'ongoing',
    });
    expect(linked([used, listed]).map((f) => f.end)).toEqual(['2025-07-30']);
  });

  it('takes "not adequately controlled despite" a drug for the drug taken, its result denied', () => {
    const told = said('AD not adequately controlled despite >4 months of daily triamcinolone 0.1% ointment.', {
      modality: 'topical_corticosteroid',
      agent: 'triamcinolone',
      assertion: 'negated',
      outcome: 'failed',
    });
    const out = linkCourseOutcomes([told], { noteDates, asOf }).filter((f): f is TherapyFact => f.kind === 'therapy');
    expect(out[0]?.assertion).toBe('affirmed');
  });
});
