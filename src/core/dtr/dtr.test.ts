import { describe, expect, it } from 'vitest';
import type { Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { InvalidInputError } from '../fhir/outcome.ts';
import { parseIntake } from '../intake/intake.ts';
import type { Fact } from '../evidence/fact.ts';
import {
  bundle,
  condition,
  coverage,
  drugOrder,
  lumbarMriCase,
  neuroFinding,
  payer,
  prescriber,
  procedure,
  TEST_PATIENT,
} from '../../testing/fixtures.ts';
import { answerQuestionnaire, questionnaireFor } from './reevaluate.ts';
import { canonicalOf, generateQuestionnaire, INFORMATION_ORIGIN, KLIVIRA_CODES } from './questionnaire.ts';
import { answersToFacts, responseIssues } from './response.ts';

const library = loadPolicyLibrary();
const options = { today: '2026-03-02' };
const complete = () =>
  parseIntake(
    lumbarMriCase([
      condition('M54.16'),
      procedure('97110', '2026-01-05', '2026-02-20'),
      neuroFinding('26544005', 'left L5'),
    ]),
  );
const silent = () => parseIntake(lumbarMriCase([]));

const items = (q: Questionnaire) => new Map((q.item ?? []).map((i) => [i.linkId, i]));

function response(q: Questionnaire, answers: QuestionnaireResponseItem[], over: Partial<QuestionnaireResponse> = {}) {
  return {
    resourceType: 'QuestionnaireResponse',
    id: 'qr-1',
    questionnaire: canonicalOf(q),
    status: 'completed',
    authored: '2026-03-03T14:05:00Z',
    author: { reference: 'Practitioner/dr-lane', display: 'Dr. Avery Lane' },
    item: answers,
    ...over,
  } satisfies QuestionnaireResponse;
}

const yes = (id: string, where?: string): QuestionnaireResponseItem => ({
  linkId: id,
  item: [
    { linkId: `${id}.answer`, answer: [{ valueBoolean: true }] },
    ...(where ? [{ linkId: `${id}.where`, answer: [{ valueString: where }] }] : []),
  ],
});

describe('questionnaire generation', () => {
  it('asks one group per unknown criterion, typed by its rule, with a where-documented item', () => {
    const { questionnaire: q, determination } = questionnaireFor(silent(), library, options);
    expect(determination.determination).toBe('insufficient_documentation');
    const groups = items(q);
    expect([...groups.keys()]).toEqual(['context', ...determination.missingDocumentation.map((m) => m.id)]);
    const types = (id: string) => (groups.get(id)?.item ?? []).map((i) => `${i.linkId}:${i.type}`);
    // condition → the ICD-10-CM code as text
    expect(types('lumbar-diagnosis')).toEqual(['lumbar-diagnosis.answer:string', 'lumbar-diagnosis.where:string']);
    // presence → boolean
    expect(types('re-evaluation')).toEqual(['re-evaluation.answer:boolean', 're-evaluation.where:string']);
    // enumeration (symptom course trend) → choice with the values and "none"
    const trend = groups.get('persistent-symptoms')?.item?.[0];
    expect(trend?.type).toBe('choice');
    expect(trend?.answerOption?.map((o) => o.valueCoding?.code)).toEqual([
      'progressive',
      'persistent',
      'unchanged',
      'none',
    ]);
    // duration → provider-directed yes/no, treatment choice, start and end dates
    expect(types('conservative-care')).toEqual([
      'conservative-care.answer:boolean',
      'conservative-care.modality:choice',
      'conservative-care.start:date',
      'conservative-care.end:date',
      'conservative-care.where:string',
    ]);
    // the request text a clinician can act on
    expect(groups.get('re-evaluation')?.item?.[0]?.text).toMatch(
      /^Document the follow-up visit after the conservative trial/,
    );
    expect(q.url).toBe('urn:klivira:questionnaire:uhc-lumbar-spine-mri');
    expect(q.status).toBe('active');
  });

  it('changes version when the questions change', () => {
    const a = questionnaireFor(silent(), library, options).questionnaire;
    const b = questionnaireFor(complete(), library, options).questionnaire;
    expect(a.version).not.toBe(b.version);
    expect([...items(b).keys()]).toEqual(['context', 're-evaluation']);
  });

  it('prefills the header and what the record partly shows, marked as auto-filled', () => {
    const { draft } = questionnaireFor(silent(), library, options);
    expect(draft.status).toBe('in-progress');
    const header = draft.item?.[0]?.item ?? [];
    expect(header.map((i) => [i.linkId, i.answer?.[0]?.valueString ?? i.answer?.[0]?.valueDate])).toEqual([
      ['context.patient', 'Quinby Testperson'],
      ['context.birthDate', '1970-04-12'],
      ['context.memberId', 'MEM-123456'],
      ['context.order', '72148'],
      ['context.payer', 'UnitedHealthcare (commercial) — uhc-lumbar-spine-mri 2025.11.1'],
    ]);
    expect(header[0]?.answer?.[0]?.extension?.[0]).toEqual({
      url: INFORMATION_ORIGIN,
      extension: [{ url: 'source', valueCode: 'auto-client' }],
    });
  });

  it('prefills a patient-reported course: treatment and dates, leaving provider direction to the clinician', () => {
    const { determination, policy } = questionnaireFor(silent(), library, options);
    const reported: Fact = {
      kind: 'therapy',
      modality: 'home_exercise',
      assertion: 'affirmed',
      providerDirected: false,
      start: '2026-01-10',
      end: '2026-02-25',
      source: { reference: 'DocumentReference/n1', text: 'Patient reports home exercises since January' },
    };
    const { draft } = generateQuestionnaire({ determination, policy, facts: [reported], today: '2026-03-02' });
    const group = draft.item?.find((i) => i.linkId === 'conservative-care');
    const answer = (id: string) => group?.item?.find((i) => i.linkId === id)?.answer?.[0];
    expect(answer('conservative-care.modality')?.valueCoding).toEqual({
      system: KLIVIRA_CODES,
      code: 'home_exercise',
      display: 'home exercise',
    });
    expect(answer('conservative-care.start')?.valueDate).toBe('2026-01-10');
    expect(answer('conservative-care.end')?.valueDate).toBe('2026-02-25');
    expect(answer('conservative-care.where')?.valueString).toBe('DocumentReference/n1');
    expect(answer('conservative-care.answer')).toBeUndefined();
  });
});

describe('answering and re-evaluation', () => {
  it("an unknown criterion becomes met after a 'yes', citing the QuestionnaireResponse and its author", () => {
    const { questionnaire: q } = questionnaireFor(complete(), library, options);
    const result = answerQuestionnaire(
      complete(),
      library,
      options,
      response(q, [yes('re-evaluation', 'Follow-up note 2026-02-27, Dr. Lane')]),
    );
    const criterion = result.determination.criteria.find((c) => c.id === 're-evaluation');
    expect(criterion?.status).toBe('met');
    expect(criterion?.evidence).toEqual([
      {
        reference: 'QuestionnaireResponse/qr-1',
        text: 'The patient was clinically re-evaluated after the conservative trial: yes — answered by Dr. Avery Lane on 2026-03-03T14:05:00Z; documented in Follow-up note 2026-02-27, Dr. Lane',
      },
    ]);
    expect(result.determination.determination).toBe('meets');
    expect(result.determination.missingDocumentation).toEqual([]);
    expect(result.answered).toHaveLength(1);
  });

  it('accepts our own prefilled draft once completed, as is: the server assigns the id, the submitter authors it', () => {
    const { draft } = questionnaireFor(silent(), library, options);
    expect(draft.id).toBeUndefined();
    expect(draft.author).toBeUndefined();
    // The clinician answers in the draft itself (its header stays prefilled) and marks it completed.
    const completed: QuestionnaireResponse = structuredClone(draft);
    completed.status = 'completed';
    const group = completed.item?.find((i) => i.linkId === 're-evaluation');
    const answer = group?.item?.find((i) => i.linkId === 're-evaluation.answer');
    if (!answer) throw new Error('the draft has no re-evaluation answer item');
    answer.answer = [{ valueBoolean: true }];
    // Before this fix the draft was refused until an id and an author were added by hand.
    expect(() => answerQuestionnaire(silent(), library, options, completed)).toThrow(InvalidInputError);
    const submitter = { reference: 'Practitioner/dr-lane', display: 'Dr. Avery Lane' };
    const result = answerQuestionnaire(silent(), library, options, completed, [], {
      submitter,
      newId: () => 'qr-assigned',
    });
    expect(result.response.id).toBe('qr-assigned');
    expect(result.response.author).toEqual(submitter);
    expect(result.response.status).toBe('completed');
    expect(result.determination.criteria.find((c) => c.id === 're-evaluation')?.status).toBe('met');
    expect(result.answered.map((f) => f.source)).toEqual([
      {
        reference: 'QuestionnaireResponse/qr-assigned',
        text: `The patient was clinically re-evaluated after the conservative trial: yes — answered by Dr. Avery Lane on ${options.today}`,
      },
    ]);
    // The draft itself is not changed; without a submitter only the author is missing, and the id is a UUID.
    expect(completed.id).toBeUndefined();
    let caught: unknown;
    try {
      answerQuestionnaire(silent(), library, options, completed);
    } catch (error) {
      caught = error;
    }
    expect((caught as InvalidInputError).issues.map((i) => i.message)).toEqual(['author (who answered) is required']);
    const anonymousId = answerQuestionnaire(silent(), library, options, completed, [], { submitter }).response.id;
    expect(anonymousId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps the id and author a response names: the submitter does not override them', () => {
    const { questionnaire: q } = questionnaireFor(complete(), library, options);
    const result = answerQuestionnaire(complete(), library, options, response(q, [yes('re-evaluation')]), [], {
      submitter: { display: 'api key: EHR integration' },
      newId: () => 'never-used',
    });
    expect(result.response.id).toBe('qr-1');
    expect(result.response.author).toEqual({ reference: 'Practitioner/dr-lane', display: 'Dr. Avery Lane' });
  });

  it("a 'no' makes the criterion not met", () => {
    const { questionnaire: q } = questionnaireFor(complete(), library, options);
    const no = {
      linkId: 're-evaluation',
      item: [{ linkId: 're-evaluation.answer', answer: [{ valueBoolean: false }] }],
    };
    const result = answerQuestionnaire(complete(), library, options, response(q, [no]));
    expect(result.determination.criteria.find((c) => c.id === 're-evaluation')?.status).toBe('not_met');
    expect(result.determination.determination).toBe('does_not_meet');
  });

  it('answers for a silent record: diagnosis code, dated provider-directed care, a chosen option', () => {
    const { questionnaire: q } = questionnaireFor(silent(), library, options);
    const qr = response(q, [
      {
        linkId: 'lumbar-diagnosis',
        item: [{ linkId: 'lumbar-diagnosis.answer', answer: [{ valueString: 'M54.16' }] }],
      },
      {
        linkId: 'conservative-care',
        item: [
          { linkId: 'conservative-care.answer', answer: [{ valueBoolean: true }] },
          {
            linkId: 'conservative-care.modality',
            answer: [{ valueCoding: { system: KLIVIRA_CODES, code: 'physical_therapy' } }],
          },
          { linkId: 'conservative-care.start', answer: [{ valueDate: '2026-01-05' }] },
          { linkId: 'conservative-care.end', answer: [{ valueDate: '2026-02-20' }] },
        ],
      },
      {
        linkId: 'persistent-symptoms',
        item: [
          {
            linkId: 'persistent-symptoms.answer',
            answer: [{ valueCoding: { system: KLIVIRA_CODES, code: 'persistent' } }],
          },
        ],
      },
    ]);
    const result = answerQuestionnaire(silent(), library, options, qr);
    const status = (id: string) => result.determination.criteria.find((c) => c.id === id)?.status;
    expect(status('lumbar-diagnosis')).toBe('met');
    expect(status('conservative-care')).toBe('met');
    expect(status('persistent-symptoms')).toBe('met');
    expect(status('re-evaluation')).toBe('unknown');
    expect(result.determination.missingDocumentation.map((m) => m.id)).toEqual(['neuro-exam', 're-evaluation']);
  });

  it('earlier answers count when the next questionnaire is made', () => {
    const first = questionnaireFor(silent(), library, options).questionnaire;
    const qr1 = response(first, [yes('re-evaluation')]);
    const next = questionnaireFor(silent(), library, options, [qr1]);
    expect(items(next.questionnaire).has('re-evaluation')).toBe(false);
    expect(next.questionnaire.version).not.toBe(first.version);
  });
});

describe('bad responses: clear errors, nothing evaluated', () => {
  const q = questionnaireFor(complete(), library, options).questionnaire;
  const problems = (body: unknown) => responseIssues(q, body).map((i) => `${i.location ?? ''}: ${i.message}`);

  it('an unknown linkId', () => {
    expect(
      problems(response(q, [yes('re-evaluation'), { linkId: 'made-up', answer: [{ valueBoolean: true }] }])),
    ).toEqual(["QuestionnaireResponse.item[1].linkId: linkId 'made-up' is not in the questionnaire"]);
  });

  it('a wrong answer type', () => {
    const wrong = {
      linkId: 're-evaluation',
      item: [{ linkId: 're-evaluation.answer', answer: [{ valueString: 'yes' }] }],
    };
    expect(problems(response(q, [wrong]))).toEqual([
      "QuestionnaireResponse.item[0].item[0].answer[0]: 're-evaluation.answer' is a boolean question: answer with valueBoolean, not valueString",
    ]);
  });

  it('another questionnaire, or an old version of this one', () => {
    expect(problems(response(q, [yes('re-evaluation')], { questionnaire: 'urn:other|1' }))[0]).toMatch(
      /^QuestionnaireResponse.questionnaire: answers questionnaire 'urn:other\|1', not 'urn:klivira:questionnaire:uhc-lumbar-spine-mri\|/,
    );
    const old = questionnaireFor(silent(), library, options).questionnaire;
    expect(problems(response(old, [yes('re-evaluation')]))).toHaveLength(1);
  });

  it('not completed, no author, no id, missing required answers, options not offered', () => {
    const qr = response(
      q,
      [{ linkId: 're-evaluation', item: [{ linkId: 're-evaluation.where', answer: [{ valueString: 'note' }] }] }],
      {
        status: 'in-progress',
      },
    );
    const anonymous: unknown = JSON.parse(JSON.stringify({ ...qr, author: undefined, id: undefined }));
    expect(problems(anonymous)).toEqual([
      'QuestionnaireResponse.id: the response needs an id: answers are cited as QuestionnaireResponse/<id>',
      "QuestionnaireResponse.status: status is 'in-progress': only a completed (or amended) response is evaluated",
      'QuestionnaireResponse.author: author (who answered) is required',
    ]);
    expect(problems({ ...qr, status: 'completed' })).toEqual([
      "QuestionnaireResponse.item: 're-evaluation.answer' (Document the follow-up visit after the conservative trial and what it found — documented?) is required",
    ]);
    const silentQ = questionnaireFor(silent(), library, options).questionnaire;
    const badOption = {
      linkId: 'persistent-symptoms',
      item: [
        { linkId: 'persistent-symptoms.answer', answer: [{ valueCoding: { system: KLIVIRA_CODES, code: 'better' } }] },
      ],
    };
    expect(responseIssues(silentQ, response(silentQ, [badOption]))[0]?.message).toMatch(
      /'better' is not one of the options \(progressive, persistent, unchanged, none/,
    );
  });

  it('not a QuestionnaireResponse at all', () => {
    expect(problems({ resourceType: 'Bundle' })).toEqual([
      'QuestionnaireResponse.resourceType: expected a QuestionnaireResponse, got Bundle',
    ]);
    expect(problems('nope')).toEqual(['QuestionnaireResponse: the body is not a QuestionnaireResponse']);
  });

  it('answerQuestionnaire throws InvalidInputError (422) with every issue', () => {
    const bad = response(q, [{ linkId: 'made-up' }], { status: 'in-progress' });
    let caught: unknown;
    try {
      answerQuestionnaire(complete(), library, options, bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).status).toBe(422);
    expect((caught as InvalidInputError).issues).toHaveLength(2);
  });

  it('answers to questions that cannot become facts yield none', () => {
    const { policy } = questionnaireFor(complete(), library, options);
    expect(answersToFacts(policy, response(q, []))).toEqual([]);
  });
});

describe('drug criteria (Cigna dupilumab)', () => {
  const drugCase = () =>
    parseIntake(
      bundle([
        TEST_PATIENT,
        payer('Cigna', '62308'),
        coverage('5'),
        drugOrder('dupilumab 300 MG/2ML Prefilled Syringe'),
        condition('L20.9'),
        prescriber('207N00000X'),
      ]),
    );

  it('asks for a measure as a decimal and a step-therapy trial as outcome, drug class, drug and dates', () => {
    const { questionnaire: q, determination } = questionnaireFor(drugCase(), library, options);
    expect(determination.coverage?.benefit).toBe('pharmacy');
    const groups = items(q);
    expect(groups.get('bsa-10')?.item?.[0]?.type).toBe('decimal');
    expect(groups.get('tcs-28-days')?.item?.map((i) => `${i.linkId}:${i.type}`)).toEqual([
      'tcs-28-days.answer:choice',
      'tcs-28-days.modality:choice',
      'tcs-28-days.agent:string',
      'tcs-28-days.start:date',
      'tcs-28-days.end:date',
      'tcs-28-days.where:string',
    ]);
  });

  it('answers make the measure and the trial met', () => {
    const { questionnaire: q } = questionnaireFor(drugCase(), library, options);
    const qr = response(q, [
      {
        linkId: 'bsa-10',
        item: [
          { linkId: 'bsa-10.answer', answer: [{ valueDecimal: 14 }] },
          { linkId: 'bsa-10.date', answer: [{ valueDate: '2026-02-20' }] },
        ],
      },
      {
        linkId: 'tcs-28-days',
        item: [
          { linkId: 'tcs-28-days.answer', answer: [{ valueCoding: { system: KLIVIRA_CODES, code: 'failed' } }] },
          {
            linkId: 'tcs-28-days.modality',
            answer: [{ valueCoding: { system: KLIVIRA_CODES, code: 'topical_corticosteroid' } }],
          },
          { linkId: 'tcs-28-days.agent', answer: [{ valueString: 'Triamcinolone' }] },
          { linkId: 'tcs-28-days.start', answer: [{ valueDate: '2025-12-01' }] },
          { linkId: 'tcs-28-days.end', answer: [{ valueDate: '2026-01-15' }] },
        ],
      },
    ]);
    const result = answerQuestionnaire(drugCase(), library, options, qr);
    const status = (id: string) => result.determination.criteria.find((c) => c.id === id)?.status;
    expect(status('bsa-10')).toBe('met');
    expect(status('tcs-28-days')).toBe('met');
    expect(result.determination.criteria.find((c) => c.id === 'tcs-28-days')?.evidence[0]?.reference).toBe(
      'QuestionnaireResponse/qr-1',
    );
  });
});
