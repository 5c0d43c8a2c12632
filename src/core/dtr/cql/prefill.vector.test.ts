// The DTR test vector in ../shared/dtr (read in place, never copied): the Respiratory Assist Device package's CQL
// run over pat015's record reproduces the expected pre-populated QuestionnaireResponse answer for answer. Its
// README says what is not a rule: the record lacks Practitioner/pra1234 (added here), "today" is 2024-04-07,
// displays of diagnosis codings are a renderer's, one answer lacks the origin extension, and `auto` is the DTR
// STU 2.0.1 code where DTR 2.2 says `auto-client`.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  Bundle,
  Practitioner,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import { hasShared, sharedPath } from '../../../testing/shared.ts';
import { INFORMATION_ORIGIN } from '../questionnaire.ts';
import { prefillQuestionnaire, QR_CONTEXT, type PrefillResult } from './index.ts';

const ORDER = 'DeviceRequest/devreqe0470';
const PRACTITIONER: Practitioner = {
  resourceType: 'Practitioner',
  id: 'pra1234',
  identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1122334455' }],
  name: [{ family: 'Doe', given: ['Jane', 'Betty'] }],
};
/** Items whose Coding comes from the Questionnaire (answerOption / answerValueSet): display included. */
const OPTION_ITEMS = new Set(['PBD.5', '4.6.1']);

const read = (file: string): unknown => JSON.parse(readFileSync(sharedPath('dtr', file), 'utf8'));

/** linkId → answers, in document order. */
function answered(
  items: readonly QuestionnaireResponseItem[] | undefined,
  into: [string, QuestionnaireResponseItemAnswer[]][] = [],
) {
  for (const item of items ?? []) {
    if (item.answer?.length) into.push([item.linkId, item.answer]);
    answered(item.item, into);
  }
  return into;
}

/** The linkId tree (groups and answered items), to compare structure. */
const tree = (items: readonly QuestionnaireResponseItem[] | undefined): unknown[] =>
  (items ?? []).map((i) => (i.item ? { [i.linkId]: tree(i.item) } : i.linkId));

const valueKeys = (a: QuestionnaireResponseItemAnswer) => Object.keys(a).filter((k) => k.startsWith('value'));

const origin = (a: QuestionnaireResponseItemAnswer) =>
  a.extension?.find((e) => e.url === INFORMATION_ORIGIN)?.extension?.find((e) => e.url === 'source')?.valueCode;

describe.skipIf(!hasShared('dtr', 'questionnaire_package.json'))(
  'DTR prefill with the payer CQL (../shared/dtr)',
  () => {
    let pkg: Bundle;
    let record: Bundle;
    let expected: QuestionnaireResponse;
    let result: PrefillResult;
    const withPractitioner = (bundle: Bundle): Bundle => ({
      ...bundle,
      entry: [...(bundle.entry ?? []), { resource: PRACTITIONER }],
    });

    beforeAll(async () => {
      pkg = read('questionnaire_package.json') as Bundle;
      record = read('pat015_bundle.json') as Bundle;
      expected = read('pre_populated_questionnaire_response.json') as QuestionnaireResponse;
      result = await prefillQuestionnaire(pkg, withPractitioner(record), { order: ORDER, now: '2024-04-07' });
    });

    it('the package and record are the quirky ones the README describes', () => {
      expect((pkg as { type?: string }).type).toBeUndefined();
      expect(pkg.entry?.some((e) => e.fullUrl !== undefined)).toBe(false);
      expect(record.type).toBe('transaction');
    });

    it('answers the same items, in the same groups, as the expected response', () => {
      expect(tree(result.response.item)).toEqual(tree(expected.item));
      expect(answered(result.response.item).map(([linkId]) => linkId)).toEqual(
        answered(expected.item).map(([linkId]) => linkId),
      );
      expect(result.warnings).toEqual([]);
    });

    it('gives each item the expected answers: same count, value type and value', () => {
      const ours = new Map(answered(result.response.item));
      const theirs = answered(expected.item);
      expect(theirs).toHaveLength(17);
      for (const [linkId, wanted] of theirs) {
        const got = ours.get(linkId) ?? [];
        expect(got.length, linkId).toBe(wanted.length);
        wanted.forEach((want, i) => {
          const answer = got[i] ?? {};
          expect(valueKeys(answer), `${linkId}[${i}]`).toEqual(valueKeys(want));
          if (want.valueCoding) {
            // Diagnosis displays are a renderer's ("… - ICD-10 - J44.9"): system and code decide.
            const { system, code, display } = answer.valueCoding ?? {};
            expect({ system, code }, `${linkId}[${i}]`).toEqual({
              system: want.valueCoding.system,
              code: want.valueCoding.code,
            });
            if (OPTION_ITEMS.has(linkId)) expect(display, linkId).toBe(want.valueCoding.display);
          } else {
            const key = valueKeys(want)[0] as keyof QuestionnaireResponseItemAnswer;
            expect(answer[key], `${linkId}[${i}]`).toEqual(want[key]);
          }
        });
      }
    });

    it('marks every answer auto-filled (DTR 2.2 auto-client; the vector says auto, STU 2.0.1)', () => {
      const ours = answered(result.response.item).flatMap(([, answers]) => answers);
      expect(ours).toHaveLength(18);
      expect(ours.map(origin)).toEqual(Array(18).fill('auto-client'));
      const theirs = answered(expected.item).flatMap(([, answers]) => answers.map(origin));
      expect(theirs.filter((o) => o === 'auto')).toHaveLength(17);
    });

    it('emits the STU 2.0.1 code on request, answer for answer as the vector', async () => {
      const old = await prefillQuestionnaire(pkg, withPractitioner(record), {
        order: ORDER,
        now: '2024-04-07',
        origin: 'auto',
      });
      const theirs = answered(expected.item).flatMap(([, answers]) => answers.map(origin));
      const ours = answered(old.response.item).flatMap(([, answers]) => answers.map(origin));
      // The vector's one unmarked answer (3.2's second) is no rule: ours are all marked.
      expect(ours.map((o, i) => (theirs[i] === undefined ? undefined : o))).toEqual(theirs);
    });

    it('is a DTR draft: in progress, for the patient, its context the order and the Coverage', () => {
      const qr = result.response;
      expect(qr.status).toBe('in-progress');
      expect(qr.meta?.profile).toEqual(expected.meta?.profile);
      expect(qr.subject).toEqual(expected.subject);
      expect(qr.authored).toBe('2024-04-07');
      const contexts = (r: QuestionnaireResponse) =>
        (r.extension ?? []).filter((e) => e.url === QR_CONTEXT).map((e) => e.valueReference);
      expect(contexts(qr)).toEqual(contexts(expected));
      expect(qr.questionnaire).toBe('urn:inferno:dtr-test-kit:respiratory-assist-devices');
    });

    it('without the missing Practitioner, the provider items stay empty (as the README says)', async () => {
      const bare = await prefillQuestionnaire(pkg, record, { order: ORDER, now: '2024-04-07' });
      const linkIds = answered(bare.response.item).map(([linkId]) => linkId);
      const empty = ['PND.1', 'PND.2', 'PND.3', 'PND.4', 'SIGPNP.2', 'SIGPNP.4'];
      expect(linkIds).toEqual(
        answered(expected.item)
          .map(([l]) => l)
          .filter((l) => !empty.includes(l)),
      );
    });

    it('reads a collection Bundle with fullUrls just as well', async () => {
      const collection: Bundle = {
        resourceType: 'Bundle',
        type: 'collection',
        entry: (withPractitioner(record).entry ?? []).map((e, i) => ({
          fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          ...(e.resource ? { resource: e.resource } : {}),
        })),
      };
      const again = await prefillQuestionnaire(pkg, collection, { order: ORDER, now: '2024-04-07' });
      expect(again.response.item).toEqual(result.response.item);
    });

    it('passes a ServiceRequest order as service_request; the device-only library runs without it', async () => {
      const other = await prefillQuestionnaire(pkg, withPractitioner(record), {
        order: 'ServiceRequest/servreq-g0180-1',
        now: '2024-04-07',
      });
      expect(other.warnings).toContain(
        'Library RespiratoryAssistDevicesPrepopulation takes device_request, none of them a ServiceRequest: run without the order',
      );
      const got = new Map(answered(other.response.item));
      // The device code comes from device_request: no E0470 for a ServiceRequest ('null' is not an option).
      expect(got.has('4.6.1')).toBe(false);
      expect(other.evaluated.find((e) => e.linkId === '4.6.1')?.skipped).toEqual([
        "'null' is not one of the item's options",
      ]);
      expect(got.get('PBD.1')?.[0]?.valueString).toBe('Oster');
      // The ServiceRequest's performer is Practitioner/pra1255, not in the record: no signing provider.
      expect(got.has('SIGPNP.2')).toBe(false);
      const contexts = (other.response.extension ?? []).map((e) => e.valueReference?.reference);
      expect(contexts).toEqual(['ServiceRequest/servreq-g0180-1', 'Coverage/cov016']);
    });
  },
);
