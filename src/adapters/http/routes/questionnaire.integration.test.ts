// Integration: the DTR loop over HTTP in process (Fastify inject) on in-memory PGlite: create a case, fetch its
// questionnaire, answer it, and see the case determined again with the answer cited and the events recorded.
import type { FastifyInstance } from 'fastify';
import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseService } from '../../../app/cases.ts';
import {
  bundle,
  condition,
  coverage,
  lumbarMriCase,
  neuroFinding,
  procedure,
  serviceRequest,
  TEST_PATIENT,
  UHC,
} from '../../../testing/fixtures.ts';
import { openDatabase, type OpenDatabase } from '../../db/database.ts';
import { testApi } from '../../../testing/api.ts';

let database: OpenDatabase;
let app: FastifyInstance;
let other: CaseService;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  let cases: CaseService;
  ({ app, cases } = await testApi(database));
  other = cases.forOrganization('org-other');
});

afterAll(async () => {
  await app.close();
  await database.close();
});

/** A new case for the same test patient and order each time: deliberately not a duplicate. */
async function createCase(): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/cases?confirmDuplicate=true',
    headers: { 'content-type': 'application/fhir+json' },
    payload: JSON.stringify(
      lumbarMriCase([
        condition('M54.16'),
        procedure('97110', '2026-01-05', '2026-02-20'),
        neuroFinding('26544005', 'left L5'),
      ]),
    ),
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ caseId: string }>().caseId;
}

async function questionnaireOf(
  caseId: string,
): Promise<{ questionnaire: Questionnaire; draft: QuestionnaireResponse }> {
  const response = await app.inject({ method: 'GET', url: `/api/cases/${caseId}/questionnaire` });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
  const bundle = response.json<{ type: string; entry: { resource: unknown }[] }>();
  expect(bundle.type).toBe('collection');
  return {
    questionnaire: bundle.entry[0]?.resource as Questionnaire,
    draft: bundle.entry[1]?.resource as QuestionnaireResponse,
  };
}

const answered = (q: Questionnaire, value: unknown = true): QuestionnaireResponse => ({
  resourceType: 'QuestionnaireResponse',
  id: 'qr-http-1',
  questionnaire: `${q.url ?? ''}|${q.version ?? ''}`,
  status: 'completed',
  authored: '2026-03-03T14:05:00Z',
  author: { reference: 'Practitioner/dr-lane', display: 'Dr. Avery Lane' },
  item: [
    { linkId: 're-evaluation', item: [{ linkId: 're-evaluation.answer', answer: [{ valueBoolean: value } as never] }] },
  ],
});

const post = (caseId: string, body: unknown) =>
  app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/questionnaire-response`,
    headers: { 'content-type': 'application/fhir+json' },
    payload: JSON.stringify(body),
  });

describe('GET /api/cases/:id/questionnaire', () => {
  it('returns the Questionnaire for the unknown criteria and a prefilled draft', async () => {
    const caseId = await createCase();
    const { questionnaire, draft } = await questionnaireOf(caseId);
    expect(questionnaire.resourceType).toBe('Questionnaire');
    expect(questionnaire.item?.map((i) => i.linkId)).toEqual(['context', 're-evaluation']);
    expect(draft.resourceType).toBe('QuestionnaireResponse');
    expect(draft.status).toBe('in-progress');
    expect(draft.questionnaire).toBe(`${questionnaire.url ?? ''}|${questionnaire.version ?? ''}`);
  });

  it('404 for an unknown case, and for a case of another organization', async () => {
    const missing = await app.inject({
      method: 'GET',
      url: '/api/cases/00000000-0000-4000-8000-000000000000/questionnaire',
    });
    expect(missing.statusCode).toBe(404);
    const caseId = await createCase();
    expect(await other.caseQuestionnaire(caseId)).toBeUndefined();
    // Nor can another organization answer it: nothing is recorded.
    const { questionnaire } = await questionnaireOf(caseId);
    expect(await other.answerCase(caseId, answered(questionnaire), 'intruder')).toBeUndefined();
    const stored = await app.inject({ method: 'GET', url: `/api/cases/${caseId}` });
    expect(stored.json<{ events: unknown[] }>().events).toHaveLength(2);
  });
});

describe('a case no policy governs', () => {
  it('409: there are no criteria to document', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(bundle([TEST_PATIENT, UHC, coverage('5'), serviceRequest('97110')])),
    });
    expect(created.json<{ determination: string }>().determination).toBe('no_policy');
    const caseId = created.json<{ caseId: string }>().caseId;
    const response = await app.inject({ method: 'GET', url: `/api/cases/${caseId}/questionnaire` });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ issue: { diagnostics: string }[] }>().issue[0]?.diagnostics).toMatch(
      /^no policy governs this order .*: there are no criteria to document$/,
    );
  });
});

describe('POST /api/cases/:id/questionnaire-response', () => {
  it('records the answer, re-determines, and cites the response with its author', async () => {
    const caseId = await createCase();
    const { questionnaire } = await questionnaireOf(caseId);
    const response = await post(caseId, answered(questionnaire));
    expect(response.statusCode).toBe(200);
    const stored = response.json<{
      status: string;
      determination: {
        determination: string;
        caseId: string;
        criteria: { id: string; status: string; evidence: { reference: string; text: string }[] }[];
      };
      events: { seq: number; type: string; actor: string; payload: Record<string, unknown> }[];
    }>();
    expect(stored.determination.determination).toBe('meets');
    expect(stored.determination.caseId).toBe(caseId);
    expect(stored.status).toBe('ready');
    const criterion = stored.determination.criteria.find((c) => c.id === 're-evaluation');
    expect(criterion?.status).toBe('met');
    expect(criterion?.evidence[0]?.reference).toBe('QuestionnaireResponse/qr-http-1');
    expect(criterion?.evidence[0]?.text).toMatch(/answered by Dr\. Avery Lane on 2026-03-03T14:05:00Z/);
    expect(stored.events.map((e) => `${String(e.seq)} ${e.type}`)).toEqual([
      '1 case.created',
      '2 determination.made',
      '3 documentation.received',
      '4 determination.made',
    ]);
    expect(stored.events[2]?.payload).toMatchObject({
      document: 'QuestionnaireResponse/qr-http-1',
      author: 'Dr. Avery Lane',
      authored: '2026-03-03T14:05:00Z',
      facts: 1,
    });

    // GET shows the same case; the next questionnaire has nothing left to ask.
    const again = await app.inject({ method: 'GET', url: `/api/cases/${caseId}` });
    expect(again.json<{ determination: { determination: string } }>().determination.determination).toBe('meets');
    const next = await questionnaireOf(caseId);
    expect(next.questionnaire.item?.map((i) => i.linkId)).toEqual(['context']);
  });

  it('422 with clear issues for a bad response, and nothing changes', async () => {
    const caseId = await createCase();
    const { questionnaire } = await questionnaireOf(caseId);
    const bad = {
      ...answered(questionnaire, 'yes'),
      item: [
        { linkId: 're-evaluation', item: [{ linkId: 're-evaluation.answer', answer: [{ valueString: 'yes' }] }] },
        { linkId: 'made-up', answer: [{ valueBoolean: true }] },
      ],
    };
    const response = await post(caseId, bad);
    expect(response.statusCode).toBe(422);
    const outcome = response.json<{ resourceType: string; issue: { diagnostics: string; expression?: string[] }[] }>();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.map((i) => i.diagnostics)).toEqual([
      "'re-evaluation.answer' is a boolean question: answer with valueBoolean, not valueString",
      "linkId 'made-up' is not in the questionnaire",
    ]);
    expect(outcome.issue[1]?.expression).toEqual(['QuestionnaireResponse.item[1].linkId']);

    const wrongQuestionnaire = await post(caseId, {
      ...answered(questionnaire),
      questionnaire: 'urn:klivira:questionnaire:x|1',
    });
    expect(wrongQuestionnaire.statusCode).toBe(422);

    const stored = await app.inject({ method: 'GET', url: `/api/cases/${caseId}` });
    const body = stored.json<{ status: string; events: unknown[]; determination: { determination: string } }>();
    expect(body.events).toHaveLength(2);
    expect(body.status).toBe('needs_information');
    expect(body.determination.determination).toBe('insufficient_documentation');
  });

  it('404 for an unknown case', async () => {
    const response = await post('00000000-0000-4000-8000-000000000000', { resourceType: 'QuestionnaireResponse' });
    expect(response.statusCode).toBe(404);
  });
});
