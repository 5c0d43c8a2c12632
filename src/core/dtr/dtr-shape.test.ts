// Our Questionnaire and QuestionnaireResponse shapes checked against the Da Vinci DTR test vector in ../shared/dtr
// (read in place, never copied): the same item structure, answer value types and information-origin extension, and
// our validator accepts the DTR example response against the DTR example Questionnaire.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Questionnaire, QuestionnaireItem, QuestionnaireResponse } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { parseIntake } from '../intake/intake.ts';
import { hasShared, sharedPath } from '../../testing/shared.ts';
import { lumbarMriCase } from '../../testing/fixtures.ts';
import { canonicalOf, INFORMATION_ORIGIN } from './questionnaire.ts';
import { questionnaireFor, type QuestionnaireResult } from './reevaluate.ts';
import { responseIssues } from './response.ts';

const FHIR_ITEM_TYPES = new Set([
  'group',
  'display',
  'boolean',
  'decimal',
  'integer',
  'date',
  'dateTime',
  'time',
  'string',
  'text',
  'url',
  'choice',
  'open-choice',
  'attachment',
  'reference',
  'quantity',
]);

function walk(items: readonly QuestionnaireItem[] | undefined, visit: (item: QuestionnaireItem) => void): void {
  for (const item of items ?? []) {
    visit(item);
    walk(item.item, visit);
  }
}

describe.skipIf(!hasShared('dtr', 'questionnaire_package.json'))('DTR shape (../shared/dtr)', () => {
  // Read when the suite runs, not when it is collected: a skipped suite's body is still collected.
  let dtrQ: Questionnaire;
  let dtrQr: QuestionnaireResponse;
  let ours: QuestionnaireResult;
  beforeAll(() => {
    const pkg = JSON.parse(readFileSync(sharedPath('dtr', 'questionnaire_package.json'), 'utf8')) as Bundle;
    dtrQ = pkg.entry?.map((e) => e.resource).find((r) => r?.resourceType === 'Questionnaire') as Questionnaire;
    dtrQr = JSON.parse(
      readFileSync(sharedPath('dtr', 'pre_populated_questionnaire_response.json'), 'utf8'),
    ) as QuestionnaireResponse;
    ours = questionnaireFor(parseIntake(lumbarMriCase([])), loadPolicyLibrary(), { today: '2026-03-02' });
  });

  it('uses the same Questionnaire structure: groups of typed items with linkId, text, required, answerOption', () => {
    const dtrKeys = new Set<string>();
    walk(dtrQ.item, (item) => {
      Object.keys(item).forEach((k) => dtrKeys.add(k));
    });
    const ourKeys = new Set<string>();
    walk(ours.questionnaire.item, (item) => {
      Object.keys(item).forEach((k) => ourKeys.add(k));
      expect(FHIR_ITEM_TYPES.has(item.type)).toBe(true);
    });
    // Every item property we use is one the DTR Questionnaire uses too (readOnly aside: a base R4 element).
    expect([...ourKeys].filter((k) => !dtrKeys.has(k) && k !== 'readOnly')).toEqual([]);
    expect(dtrQ.item?.[0]?.type).toBe('group');
    expect(ours.questionnaire.item?.every((i) => i.type === 'group')).toBe(true);
    expect(ours.questionnaire.meta?.profile).toEqual([
      'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-questionnaire-r4',
    ]);
    expect(dtrQ.meta?.profile).toContain('http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-questionnaire-r4');
  });

  it('marks prefilled answers with the same information-origin extension (DTR 2.2 code auto-client)', () => {
    const dtrOrigin = dtrQr.item?.[0]?.item?.[0]?.answer?.[0]?.extension?.[0];
    const ourOrigin = ours.draft.item?.[0]?.item?.[0]?.answer?.[0]?.extension?.[0];
    expect(dtrOrigin?.url).toBe(INFORMATION_ORIGIN);
    expect(ourOrigin?.url).toBe(dtrOrigin?.url);
    expect(ourOrigin?.extension?.map((e) => e.url)).toEqual(dtrOrigin?.extension?.map((e) => e.url));
    expect(ourOrigin?.extension?.[0]?.valueCode).toBe('auto-client');
    expect(dtrQr.meta?.profile).toEqual(ours.draft.meta?.profile);
  });

  it('our validator accepts the DTR example response against the DTR example Questionnaire', () => {
    // The example names another canonical and is in progress (see ../shared/dtr/README.md): match by linkIds.
    const asCompleted = {
      ...dtrQr,
      id: 'dtr-example',
      questionnaire: canonicalOf(dtrQ),
      status: 'completed',
      author: { reference: 'Practitioner/pra1234' },
    };
    const issues = responseIssues(dtrQ, asCompleted).filter((i) => i.code !== 'required');
    expect(issues).toEqual([]);
    // And finds the example's unanswered required items (device order type and the signature are left to the user).
    const required = responseIssues(dtrQ, asCompleted).filter((i) => i.code === 'required');
    expect(required.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^'SIGPNP.1'/)]));
  });
});
