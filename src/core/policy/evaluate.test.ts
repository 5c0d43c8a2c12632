// The evaluator's generic constructs on hand-built facts and small policies: negation, numeric ranges in fact
// conditions and date windows, each with its met / not met / unknown paths, and their schema checks.
import { describe, expect, it } from 'vitest';
import type { Bundle } from '@medplum/fhirtypes';
import type { ConditionFact, Fact } from '../evidence/fact.ts';
import { evaluatePolicy } from './evaluate.ts';
import { policyConsistencyErrors } from './library.ts';
import { policyErrors, type CriterionNode, type Policy } from './schema.ts';

const AS_OF = '2026-03-02';
const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [] };
const order = { reference: 'ServiceRequest/order-1', modifiers: [], reasonIcd10: [], reasonText: '' };

function policy(criteria: CriterionNode, extra: Partial<Policy> = {}): Policy {
  return {
    id: 'test-policy',
    version: '1',
    title: 'Test policy',
    kind: 'guideline',
    effective: '2020-01-01',
    appliesTo: {},
    codes: { cpt: ['72148'] },
    priorAuth: 'required',
    source: { name: 'test', url: 'https://example.org/policy' },
    criteria,
    ...extra,
  };
}

function run(criteria: CriterionNode, facts: Fact[], extra: Partial<Policy> = {}) {
  return evaluatePolicy({ policy: policy(criteria, extra), facts, order, bundle, asOf: AS_OF });
}

const statusOf = (result: ReturnType<typeof run>, id: string) => result.criteria.find((c) => c.id === id)?.status;

const imaging = (date: string | undefined, assertion: Fact['assertion'] = 'affirmed', id = date ?? 'x'): Fact => ({
  kind: 'imaging',
  modality: 'mri',
  bodySite: 'lumbar spine',
  assertion,
  ...(date ? { date } : {}),
  source: { reference: `ImagingStudy/${id}`, text: `Lumbar MRI ${date ?? '(undated)'}` },
});

const lumbarPain = (onset: string | undefined, id = onset ?? 'undated'): Fact => ({
  kind: 'condition',
  coding: [],
  icd10: ['M54.50'],
  display: 'Low back pain',
  assertion: 'affirmed',
  ...(onset ? { date: onset, onset } : { date: '2026-03-01' }),
  source: { reference: `Condition/${id}`, text: 'Low back pain (M54.50)' },
});

const lesion = (sizeCm: number, id = `c-${String(sizeCm)}`): Fact => ({
  kind: 'cancer',
  cancerType: 'bcc',
  biopsyProven: true,
  sizeCm,
  assertion: 'affirmed',
  date: '2026-02-01',
  source: { reference: `Condition/${id}`, text: `Basal cell carcinoma ${String(sizeCm)} cm` },
});

describe('negation', () => {
  const noRecentMri: CriterionNode = {
    id: 'no-recent-mri',
    text: 'No lumbar MRI in the past year',
    not: {
      id: 'recent-mri',
      text: 'A lumbar MRI in the past year',
      request: 'Document any lumbar MRI of the past year, with its date',
      rule: { fact: { kind: 'imaging', where: { modality: ['mri'] }, daysBefore: { max: 365 } } },
    },
  };

  it('is not met when what it negates is met, and cites that evidence', () => {
    const result = run(noRecentMri, [imaging('2025-09-01')]);
    expect(statusOf(result, 'no-recent-mri')).toBe('not_met');
    expect(statusOf(result, 'recent-mri')).toBe('met');
    expect(result.outcome).toBe('does_not_meet');
  });

  it('is met when what it negates is contradicted', () => {
    const result = run(noRecentMri, [imaging('2025-09-01', 'negated')]);
    expect(statusOf(result, 'no-recent-mri')).toBe('met');
    expect(result.outcome).toBe('meets');
  });

  it('asks for nothing more once the record contradicts a criterion (a denial is not a documentation gap)', () => {
    const lumbarMri: CriterionNode = {
      id: 'had-mri',
      text: 'A lumbar MRI in the past year',
      request: 'Document any lumbar MRI of the past year, with its date',
      rule: { fact: { kind: 'imaging', where: { modality: ['mri'] }, daysBefore: { max: 365 } } },
    };
    const contradicted = run(lumbarMri, [imaging('2025-09-01', 'negated')]);
    expect(statusOf(contradicted, 'had-mri')).toBe('not_met');
    expect(contradicted.missingDocumentation).toEqual([]);
    expect(run(lumbarMri, []).missingDocumentation.map((m) => m.id)).toEqual(['had-mri']);
  });

  it('stays unknown on a silent record and asks for the document', () => {
    const result = run(noRecentMri, []);
    expect(statusOf(result, 'no-recent-mri')).toBe('unknown');
    expect(result.outcome).toBe('insufficient_documentation');
    expect(result.missingDocumentation).toEqual([
      { id: 'recent-mri', text: 'Document any lumbar MRI of the past year, with its date' },
    ]);
  });

  it('as an exclusion, excludes only when the record affirms it', () => {
    const exclusion: CriterionNode = {
      id: 'repeat-without-change',
      text: 'Repeat MRI within a year without a change in clinical status',
      all: [
        {
          id: 'prior-mri-this-year',
          text: 'A lumbar MRI in the past year',
          rule: { fact: { kind: 'imaging', where: { modality: ['mri'] }, daysBefore: { max: 365 } } },
        },
        {
          id: 'no-progression',
          text: 'The symptoms are not progressing',
          not: {
            id: 'progression',
            text: 'The symptoms are progressing',
            rule: { fact: { kind: 'symptom_course', where: { trend: ['progressive'] } } },
          },
        },
      ],
    };
    const leaf: CriterionNode = {
      id: 'diagnosis',
      text: 'A lumbar diagnosis',
      request: 'Add the diagnosis',
      rule: { condition: { icd10: ['M54'] } },
    };
    const notProgressing: Fact = {
      kind: 'symptom_course',
      trend: 'progressive',
      assertion: 'negated',
      date: '2026-02-20',
      source: { reference: 'DocumentReference/n1', text: 'not progressing' },
    };
    const facts = [lumbarPain('2025-01-01'), imaging('2025-09-01')];
    expect(run(leaf, facts, { exclusions: [exclusion] }).outcome).toBe('meets');
    expect(run(leaf, [...facts, notProgressing], { exclusions: [exclusion] }).outcome).toBe('does_not_meet');
  });
});

describe('numeric ranges in fact conditions', () => {
  const large: CriterionNode = {
    id: 'large-lesion',
    text: 'The lesion is at least 2 cm',
    request: 'Document the lesion size in cm',
    rule: { fact: { kind: 'cancer', where: { cancerType: ['bcc'], sizeCm: { min: 2 } } } },
  };

  it('is met by a documented value in the range', () => {
    expect(statusOf(run(large, [lesion(1.2), lesion(2.5)]), 'large-lesion')).toBe('met');
    expect(statusOf(run(large, [lesion(2)]), 'large-lesion')).toBe('met');
  });

  it('is not met by documented values outside it, and says what was documented', () => {
    const result = run(large, [lesion(1.2)]);
    const criterion = result.criteria.find((c) => c.id === 'large-lesion');
    expect(criterion?.status).toBe('not_met');
    expect(criterion?.reason).toBe('documented sizeCm 1.2; the criterion needs sizeCm at least 2');
    expect(criterion?.evidence.map((e) => e.reference)).toEqual(['Condition/c-1.2']);
  });

  it('is unknown when the value is not documented at all', () => {
    const unsized: Fact = { ...lesion(1), source: { reference: 'Condition/u', text: 'BCC' } };
    delete (unsized as { sizeCm?: number }).sizeCm;
    expect(statusOf(run(large, [unsized]), 'large-lesion')).toBe('unknown');
    expect(statusOf(run(large, []), 'large-lesion')).toBe('unknown');
  });

  it('does not count a value of another cancer type as contradiction', () => {
    const scc: Fact = { ...lesion(0.5), cancerType: 'cutaneous_scc' } as Fact;
    expect(statusOf(run(large, [scc]), 'large-lesion')).toBe('unknown');
  });

  it('bounds above as well', () => {
    const small: CriterionNode = {
      ...large,
      id: 'small',
      rule: { fact: { kind: 'cancer', where: { sizeCm: { max: 1 } } } },
    };
    expect(statusOf(run(small, [lesion(0.8)]), 'small')).toBe('met');
    expect(statusOf(run(small, [lesion(1.5)]), 'small')).toBe('not_met');
  });
});

describe('date windows', () => {
  const recentMri: CriterionNode = {
    id: 'recent-mri',
    text: 'A lumbar MRI within the past year',
    request: 'Document the lumbar MRI of the past year',
    rule: { fact: { kind: 'imaging', where: { modality: ['mri'] }, daysBefore: { max: 365 } } },
  };
  const chronic: CriterionNode = {
    id: 'chronic',
    text: 'Back pain for at least 4 weeks',
    request: 'Document when this episode began',
    rule: { condition: { icd10: ['M54.5'], daysBefore: { min: 28 } } },
  };

  it('meets a max window with a study inside it (the boundary day included)', () => {
    expect(statusOf(run(recentMri, [imaging('2025-03-02')]), 'recent-mri')).toBe('met');
    expect(statusOf(run(recentMri, [imaging('2026-01-10')]), 'recent-mri')).toBe('met');
  });

  it('leaves a max window unknown when the only study is older, and names its date in the request', () => {
    const result = run(recentMri, [imaging('2024-06-01')]);
    expect(statusOf(result, 'recent-mri')).toBe('unknown');
    expect(result.missingDocumentation[0]?.text).toBe(
      'Document it as of the period at most 365 days before 2026-03-02: the newest on record is dated 2024-06-01',
    );
  });

  it('leaves a window unknown for an undated study, citing it', () => {
    const result = run(recentMri, [imaging(undefined)]);
    const criterion = result.criteria.find((c) => c.id === 'recent-mri');
    expect(criterion?.status).toBe('unknown');
    expect(criterion?.reason).toBe('documented without a date');
    expect(criterion?.evidence).toHaveLength(1);
  });

  it('is not met when the record negates the fact', () => {
    expect(statusOf(run(recentMri, [imaging('2026-01-10', 'negated')]), 'recent-mri')).toBe('not_met');
  });

  it('meets a min window by a condition whose onset is old enough', () => {
    expect(statusOf(run(chronic, [lumbarPain('2026-02-02')]), 'chronic')).toBe('met');
    expect(statusOf(run(chronic, [lumbarPain('2025-01-01'), lumbarPain('2026-02-25')]), 'chronic')).toBe('met');
  });

  it('is not met when every dated onset is too recent (acute pain)', () => {
    const result = run(chronic, [lumbarPain('2026-02-20')]);
    expect(statusOf(result, 'chronic')).toBe('not_met');
    expect(result.criteria.find((c) => c.id === 'chronic')?.reason).toBe(
      'dated 2026-02-20: fewer than 28 days before 2026-03-02',
    );
  });

  it('dates a condition by its onset only: a recorded date alone leaves it unknown', () => {
    expect(statusOf(run(chronic, [lumbarPain(undefined)]), 'chronic')).toBe('unknown');
    // A recent onset beside an undated diagnosis does not prove the episode is acute.
    expect(statusOf(run(chronic, [lumbarPain('2026-02-20'), lumbarPain(undefined)]), 'chronic')).toBe('unknown');
  });

  it('applies ranges inside the window: an in-window value outside the range contradicts', () => {
    const recentLarge: CriterionNode = {
      id: 'recent-large',
      text: 'A lesion of at least 2 cm measured in the past 90 days',
      request: 'Measure the lesion',
      rule: { fact: { kind: 'cancer', where: { sizeCm: { min: 2 } }, daysBefore: { max: 90 } } },
    };
    expect(statusOf(run(recentLarge, [lesion(2.4)]), 'recent-large')).toBe('met');
    expect(statusOf(run(recentLarge, [lesion(1.1)]), 'recent-large')).toBe('not_met');
  });
});

describe('schema and consistency of the new constructs', () => {
  it('accepts negation, ranges and windows, and rejects malformed ones', () => {
    const valid = policy({
      id: 'root',
      text: 'root',
      not: {
        id: 'leaf',
        text: 'leaf',
        request: 'ask',
        rule: { fact: { kind: 'cancer', where: { sizeCm: { min: 2 } }, daysBefore: { max: 30 } } },
      },
    });
    expect(policyErrors(valid)).toEqual([]);
    expect(policyConsistencyErrors(valid)).toEqual([]);
    const emptyRange = policy({
      id: 'leaf',
      text: 'leaf',
      request: 'ask',
      rule: { fact: { kind: 'cancer', where: { sizeCm: {} } } },
    });
    expect(policyErrors(emptyRange)).not.toEqual([]);
    const negativeWindow = policy({
      id: 'leaf',
      text: 'leaf',
      request: 'ask',
      rule: { condition: { icd10: ['M54'], daysBefore: { min: -1 } } },
    });
    expect(policyErrors(negativeWindow)).not.toEqual([]);
    const twoKinds = policy({
      id: 'root',
      text: 'root',
      not: { id: 'a', text: 'a', request: 'ask', rule: { condition: { icd10: ['M54'] } } },
      any: [{ id: 'b', text: 'b', request: 'ask', rule: { condition: { icd10: ['M54'] } } }],
    });
    expect(policyConsistencyErrors(twoKinds)).toEqual([
      '/criteria (root): needs exactly one of rule, all, any, atLeast, not',
    ]);
  });
});

describe('alternative pathways the record never raises', () => {
  const pathways = (unraised: boolean): CriterionNode => ({
    id: 'pathway',
    text: 'one of the pathways',
    ...(unraised ? { unraisedAlternatives: 'not_met' as const } : {}),
    any: [
      { id: 'path-a', text: 'prior imaging', rule: { fact: { kind: 'imaging' } } },
      { id: 'path-b', text: 'a cancer', rule: { fact: { kind: 'cancer' } } },
    ],
  });

  it('is not met when one pathway is contradicted and the record says nothing of the other', () => {
    const contradicted = [imaging('2026-01-10', 'negated')];
    expect(statusOf(run(pathways(true), contradicted), 'pathway')).toBe('not_met');
    expect(statusOf(run(pathways(false), contradicted), 'pathway')).toBe('unknown');
  });

  it('stays open while the record raises the other pathway, even without deciding it', () => {
    const raised = [imaging('2026-01-10', 'negated'), { ...lesion(1.2), assertion: 'uncertain' as const }];
    expect(statusOf(run(pathways(true), raised), 'pathway')).toBe('unknown');
  });
});

describe('a contradiction stated later', () => {
  const course = (trend: 'persistent' | 'improving', date: string): Fact => ({
    kind: 'symptom_course',
    trend,
    assertion: 'affirmed',
    date,
    source: { reference: `DocumentReference/${date}`, text: `pain ${trend}` },
  });
  const persists: CriterionNode = {
    id: 'persists',
    text: 'symptoms persist',
    rule: {
      fact: { kind: 'symptom_course', where: { trend: ['persistent'] }, contradictedBy: { trend: ['improving'] } },
    },
  };

  it('is not met when the newest statement says the opposite, and met when the match is the newest', () => {
    expect(
      statusOf(run(persists, [course('persistent', '2026-01-05'), course('improving', '2026-02-20')]), 'persists'),
    ).toBe('not_met');
    expect(
      statusOf(run(persists, [course('improving', '2026-01-05'), course('persistent', '2026-02-20')]), 'persists'),
    ).toBe('met');
    expect(statusOf(run(persists, [course('improving', '2026-02-20')]), 'persists')).toBe('not_met');
  });

  it('takes any of a list of opposites', () => {
    const either: CriterionNode = {
      ...persists,
      rule: {
        fact: {
          kind: 'symptom_course',
          where: { trend: ['persistent'] },
          contradictedBy: [{ trend: ['improving'] }, { trend: ['resolved'] }],
        },
      },
    };
    const resolved: Fact = { ...course('improving', '2026-02-20'), trend: 'resolved' } as Fact;
    expect(statusOf(run(either, [course('persistent', '2026-01-05'), resolved]), 'persists')).toBe('not_met');
    expect(
      statusOf(run(either, [course('persistent', '2026-01-05'), course('improving', '2026-02-20')]), 'persists'),
    ).toBe('not_met');
    expect(statusOf(run(either, [course('persistent', '2026-02-25'), resolved]), 'persists')).toBe('met');
  });

  it('is left unknown, both cited, when the latest day says the symptoms persist and that they resolved', () => {
    const resolved: Fact = { ...course('improving', '2026-02-20'), trend: 'resolved' } as Fact;
    const result = run(persists, [course('persistent', '2026-02-20'), resolved]);
    const persistsAgainst: CriterionNode = {
      ...persists,
      rule: {
        fact: {
          kind: 'symptom_course',
          where: { trend: ['persistent'] },
          contradictedBy: { trend: ['improving', 'resolved'] },
        },
      },
    };
    expect(statusOf(result, 'persists')).toBe('met');
    const both = run(persistsAgainst, [course('persistent', '2026-02-20'), resolved]);
    expect(statusOf(both, 'persists')).toBe('unknown');
    expect(both.criteria.find((c) => c.id === 'persists')?.evidence).toHaveLength(2);
    // "Better in the back" the same day as "leg pain persists" is no contradiction.
    expect(
      statusOf(
        run(persistsAgainst, [course('persistent', '2026-02-20'), course('improving', '2026-02-20')]),
        'persists',
      ),
    ).toBe('met');
  });

  it('is no contradiction when the resolution ended an earlier episode of a complaint that came back', () => {
    const resolvedAgainst: CriterionNode = {
      ...persists,
      rule: {
        fact: { kind: 'symptom_course', where: { trend: ['persistent'] }, contradictedBy: { trend: ['resolved'] } },
      },
    };
    const resolved: Fact = { ...course('improving', '2026-01-05'), trend: 'resolved' } as Fact;
    const cameBack: Fact = { ...course('persistent', '2026-02-20'), durationWeeks: 3 } as Fact;
    delete (cameBack as { trend?: string }).trend;
    expect(statusOf(run(resolvedAgainst, [resolved]), 'persists')).toBe('not_met');
    expect(statusOf(run(resolvedAgainst, [resolved, cameBack]), 'persists')).toBe('unknown');
  });

  it('can be a fact of another kind, which wins a tie: radicular pain against a course stated improving that day', () => {
    const pain = (date: string): Fact => ({
      kind: 'radicular_pain',
      assertion: 'affirmed',
      date,
      source: { reference: `DocumentReference/${date}`, text: 'left S1 radicular symptoms' },
    });
    const radicular: CriterionNode = {
      id: 'radicular',
      text: 'radicular pain',
      rule: { fact: { kind: 'radicular_pain', contradictedBy: { kind: ['symptom_course'], trend: ['improving'] } } },
    };
    expect(statusOf(run(radicular, [pain('2026-02-23'), course('improving', '2026-02-23')]), 'radicular')).toBe(
      'not_met',
    );
    expect(statusOf(run(radicular, [course('improving', '2026-01-05'), pain('2026-02-23')]), 'radicular')).toBe('met');
  });
});

describe('a requirement an unsettled exception may waive', () => {
  const cancer = (assertion: Fact['assertion']): Fact => ({
    kind: 'red_flag',
    flag: 'cancer_history',
    assertion,
    date: '2026-02-20',
    source: { reference: 'DocumentReference/n', text: 'possible, unconfirmed history of breast cancer' },
  });
  const trial = (assertion: Fact['assertion']): Fact => ({
    kind: 'therapy',
    modality: 'physical_therapy',
    assertion,
    date: '2026-02-20',
    source: { reference: 'DocumentReference/n', text: 'no physical therapy yet' },
  });
  const criteria: CriterionNode = {
    id: 'trial',
    text: 'a conservative trial',
    waivedBy: ['red-flag'],
    rule: { fact: { kind: 'therapy', where: { modality: ['physical_therapy'] } } },
  };
  const exceptions: CriterionNode[] = [
    {
      id: 'red-flag',
      text: 'a cancer red flag',
      rule: { fact: { kind: 'red_flag', where: { flag: ['cancer_history'] } } },
    },
  ];

  it('is undecided, not contradicted, while the record raises the exception without settling it', () => {
    const raised = run(criteria, [trial('negated'), cancer('uncertain')], { exceptions });
    expect(statusOf(raised, 'trial')).toBe('unknown');
    expect(raised.criteria.find((c) => c.id === 'trial')?.reason).toMatch(/raised but not yet settled/);
    expect(statusOf(run(criteria, [trial('negated'), cancer('negated')], { exceptions }), 'trial')).toBe('not_met');
    expect(statusOf(run(criteria, [trial('negated')], { exceptions }), 'trial')).toBe('not_met');
  });
});

describe('a fact documented either way', () => {
  const finding = (assertion: Fact['assertion']): Fact => ({
    kind: 'neuro_finding',
    finding: 'motor_weakness',
    assertion,
    date: '2026-02-20',
    source: { reference: 'DocumentReference/exam', text: 'Strength 5/5 throughout' },
  });
  const examDocumented: CriterionNode = {
    id: 'exam',
    text: 'a focused neurological examination is documented',
    rule: { fact: { kind: 'neuro_finding', documented: true } },
  };

  it('is met by a normal finding as well as an abnormal one, and unknown when the record is silent', () => {
    expect(statusOf(run(examDocumented, [finding('negated')]), 'exam')).toBe('met');
    expect(statusOf(run(examDocumented, [finding('affirmed')]), 'exam')).toBe('met');
    expect(statusOf(run(examDocumented, [finding('hypothetical')]), 'exam')).toBe('unknown');
    expect(statusOf(run(examDocumented, []), 'exam')).toBe('unknown');
  });
});

describe('a diagnosis recorded both ways', () => {
  const ad = (assertion: Fact['assertion'], date: string, verificationStatus?: 'refuted'): Fact => ({
    kind: 'condition',
    coding: [],
    icd10: ['L20.9'],
    display: 'Atopic dermatitis',
    assertion,
    date,
    ...(verificationStatus ? { verificationStatus } : {}),
    source: { reference: `Condition/${date}`, text: 'Condition: Atopic dermatitis' },
  });
  const diagnosis: CriterionNode = { id: 'dx', text: 'atopic dermatitis', rule: { condition: { icd10: ['L20'] } } };

  it('takes the later record: a refutation after an older problem-list entry stands, an affirmation after it wins', () => {
    expect(statusOf(run(diagnosis, [ad('affirmed', '2025-04-01'), ad('negated', '2026-02-20', 'refuted')]), 'dx')).toBe(
      'not_met',
    );
    expect(statusOf(run(diagnosis, [ad('negated', '2025-04-01', 'refuted'), ad('affirmed', '2026-02-20')]), 'dx')).toBe(
      'met',
    );
  });
  it('holds a refutation only against its own diagnosis, not another condition the criterion lists', () => {
    const liver: CriterionNode = {
      id: 'liver',
      text: 'liver disease or alcohol',
      rule: { condition: { icd10: ['K70', 'F10.2'] } },
    };
    const refutedK70: Fact = {
      ...(ad('negated', '2025-04-01', 'refuted') as ConditionFact),
      icd10: ['K70.30'],
      display: 'Alcoholic cirrhosis',
    };
    const alcohol: Fact = {
      ...(ad('affirmed', '2026-01-10') as ConditionFact),
      icd10: ['F10.20'],
      display: 'Alcohol use disorder',
      source: { reference: 'DocumentReference/n', text: 'daily alcohol use disorder' },
    };
    expect(statusOf(run(liver, [refutedK70, alcohol]), 'liver')).toBe('met');
  });
});

describe('a negation among alternatives', () => {
  const flag = (which: string, assertion: Fact['assertion']): Fact => ({
    kind: 'red_flag',
    flag: which as never,
    assertion,
    date: '2026-03-01',
    source: { reference: `DocumentReference/${which}`, text: `${which} ${assertion}` },
  });
  const cancerOrInfection: CriterionNode = {
    id: 'cancer-or-infection',
    text: 'Suspected cancer or infection',
    rule: { fact: { kind: 'red_flag', where: { flag: ['cancer_history', 'spinal_infection'] } } },
  };

  it('answers for its own alternative only: another one raised keeps the criterion open, citing both', () => {
    const result = run(cancerOrInfection, [flag('cancer_history', 'negated'), flag('spinal_infection', 'uncertain')]);
    const criterion = result.criteria.find((c) => c.id === 'cancer-or-infection');
    expect(criterion?.status).toBe('unknown');
    expect(criterion?.evidence.map((e) => e.reference)).toEqual([
      'DocumentReference/spinal_infection',
      'DocumentReference/cancer_history',
    ]);
  });

  it('still contradicts the criterion when the raised alternative is the one it denies, or none is raised', () => {
    expect(statusOf(run(cancerOrInfection, [flag('cancer_history', 'negated')]), 'cancer-or-infection')).toBe(
      'not_met',
    );
    const same = [flag('spinal_infection', 'negated'), flag('spinal_infection', 'uncertain')];
    expect(statusOf(run(cancerOrInfection, same), 'cancer-or-infection')).toBe('not_met');
  });
});

describe("an order's reason the record denies", () => {
  const onOrder: CriterionNode = {
    id: 'recurrence-on-order',
    text: 'The order states a suspected recurrence as its reason',
    rule: {
      order: { reasonText: ['recurrence'], deniedBy: { kind: 'cancer', where: { primary: ['recurrent'] } } },
    },
  };
  const recurrence = (assertion: Fact['assertion'], date: string): Fact => ({
    kind: 'cancer',
    cancerType: 'melanoma',
    primary: 'recurrent',
    assertion,
    date,
    source: { reference: `DocumentReference/${assertion}`, text: `recurrence ${assertion}` },
  });
  const ordered = { ...order, reasonText: 'restaging - suspected recurrence' };
  const evaluate = (facts: Fact[]) =>
    evaluatePolicy({ policy: policy(onOrder), facts, order: ordered, bundle, asOf: AS_OF }).criteria[0];

  it('is contested when the latest note states it absent, citing the order and the note', () => {
    const result = evaluate([recurrence('negated', '2026-03-01')]);
    expect(result?.status).toBe('unknown');
    expect(result?.evidence.map((e) => e.reference)).toEqual(['ServiceRequest/order-1', 'DocumentReference/negated']);
  });

  it('stands when the record also raises it later, or never denies it', () => {
    expect(evaluate([recurrence('negated', '2026-02-01'), recurrence('uncertain', '2026-03-01')])?.status).toBe('met');
    expect(evaluate([])?.status).toBe('met');
  });
});

describe('a contraindication the prescriber says it is not', () => {
  const contraindication: CriterionNode = {
    id: 'mtx-contraindication',
    text: 'A condition contraindicates methotrexate',
    rule: { condition: { icd10: ['K76.0'], unlessTolerated: ['methotrexate'] } },
  };
  const fattyLiver: Fact = {
    kind: 'condition',
    coding: [],
    icd10: ['K76.0'],
    display: 'Fatty liver',
    assertion: 'affirmed',
    date: '2024-05-01',
    onset: '2024-05-01',
    source: { reference: 'Condition/liver', text: 'Fatty liver (K76.0)' },
  };
  const cleared = (date: string): Fact => ({
    kind: 'therapy',
    modality: 'methotrexate',
    agent: 'methotrexate',
    assertion: 'hypothetical',
    notContraindicated: true,
    date,
    source: { reference: 'DocumentReference/n1', text: 'Not a formal contraindication at this time.' },
  });

  it('is left open, citing both, when the prescriber says so after the diagnosis', () => {
    const result = run(contraindication, [fattyLiver, cleared('2026-02-25')]).criteria[0];
    expect(result?.status).toBe('unknown');
    expect(result?.evidence.map((e) => e.reference)).toEqual(['Condition/liver', 'DocumentReference/n1']);
  });

  it('stands on the coded diagnosis otherwise', () => {
    expect(statusOf(run(contraindication, [fattyLiver]), 'mtx-contraindication')).toBe('met');
    expect(statusOf(run(contraindication, [fattyLiver, cleared('2023-01-01')]), 'mtx-contraindication')).toBe('met');
  });
});
