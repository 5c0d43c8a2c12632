import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Questionnaire } from '@medplum/fhirtypes';
import { afterAll, describe, expect, it } from 'vitest';
import { condition, lumbarMriCase, neuroFinding, procedure } from '../../testing/fixtures.ts';
import { run } from './main.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'klivira-dtr-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, JSON.stringify(content));
  return target;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const complete = file(
  'complete.json',
  lumbarMriCase([
    condition('M54.16'),
    procedure('97110', '2026-01-05', '2026-02-20'),
    neuroFinding('26544005', 'left L5'),
  ]),
);

async function questionnaire(): Promise<Questionnaire> {
  const result = await cli('questionnaire', complete, '--json');
  expect(result.code).toBe(0);
  const bundle = JSON.parse(result.out) as { entry: { resource: Questionnaire }[] };
  return bundle.entry[0]?.resource as Questionnaire;
}

const answers = (q: Questionnaire, item: unknown[]) => ({
  resourceType: 'QuestionnaireResponse',
  id: 'qr-cli-1',
  questionnaire: `${q.url ?? ''}|${q.version ?? ''}`,
  status: 'completed',
  authored: '2026-03-03T09:00:00Z',
  author: { display: 'Dr. Avery Lane' },
  item,
});

describe('klivira questionnaire', () => {
  it('prints the questions for the unknown criteria, readable', async () => {
    const result = await cli('questionnaire', complete);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Documentation for Lumbar spine MRI — UnitedHealthcare/);
    expect(result.out).toMatch(
      /answer as QuestionnaireResponse.questionnaire = urn:klivira:questionnaire:uhc-lumbar-spine-mri\|/,
    );
    expect(result.out).toMatch(/Member id {18}MEM-123456/);
    expect(result.out).toMatch(/1 criterion needs documentation/);
    expect(result.out).toMatch(/\* \[re-evaluation.answer\] \(boolean\) Document the follow-up visit/);
  });

  it('prints a FHIR Bundle with --json: the Questionnaire, then the draft response', async () => {
    const result = await cli('questionnaire', complete, '--json');
    const bundle = JSON.parse(result.out) as { entry: { resource: { resourceType: string; status: string } }[] };
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Questionnaire', 'QuestionnaireResponse']);
    expect(bundle.entry[1]?.resource.status).toBe('in-progress');
  });
});

describe('klivira check --answers', () => {
  it('re-evaluates with the answers: the unknown criterion is met, citing the response', async () => {
    const q = await questionnaire();
    const qr = file(
      'qr.json',
      answers(q, [
        { linkId: 're-evaluation', item: [{ linkId: 're-evaluation.answer', answer: [{ valueBoolean: true }] }] },
      ]),
    );
    const result = await cli('check', complete, '--answers', qr, '--json');
    expect(result.code).toBe(0);
    const d = JSON.parse(result.out) as {
      determination: string;
      criteria: { id: string; status: string; evidence: { reference: string }[] }[];
      coverage: { reviewer: { name: string } };
      denialRisk: { level: string };
    };
    expect(d.determination).toBe('meets');
    const criterion = d.criteria.find((c) => c.id === 're-evaluation');
    expect(criterion?.status).toBe('met');
    expect(criterion?.evidence[0]?.reference).toBe('QuestionnaireResponse/qr-cli-1');
    expect(d.coverage.reviewer.name).toBe('UnitedHealthcare');
    expect(d.denialRisk.level).toBeDefined();
  });

  it('exits 2 with the located problems for bad answers', async () => {
    const q = await questionnaire();
    const qr = file('bad.json', answers(q, [{ linkId: 'nope', answer: [{ valueBoolean: true }] }]));
    const result = await cli('check', complete, '--answers', qr);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      "The answers were rejected:\n  - QuestionnaireResponse.item[0].linkId: linkId 'nope' is not in the questionnaire\n",
    );
    expect(result.out).toBe('');
  });

  it('refuses --answers with --store', async () => {
    const result = await cli('check', complete, '--answers', complete, '--store');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--answers does not store/);
  });
});

describe('klivira check --received-at', () => {
  it('dates the decision deadline from the receipt time', async () => {
    const result = await cli('check', complete, '--json', '--received-at', '2026-03-02T09:30:00-05:00');
    expect(result.code).toBe(0);
    const d = JSON.parse(result.out) as { coverage: { deadline: { urgency: string; due: string; clock: string } } };
    expect(d.coverage.deadline).toMatchObject({
      urgency: 'standard',
      clock: 'ERISA pre-service claim rule 15 calendar days',
      due: '2026-03-17T09:30:00-04:00',
    });
  });

  it('exits 2 for a receipt time without a zone', async () => {
    const result = await cli('check', complete, '--received-at', '2026-03-02T09:30:00');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/receipt time '2026-03-02T09:30:00' is not an ISO date-time with a zone/);
  });
});
