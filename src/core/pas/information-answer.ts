// The PAS answer to a payer's request for more information: a Claim Update of the pended Claim (`related` prior, the
// earlier Claim in the Bundle, its items and documents resent unchanged) that adds one supportingInfo per document
// sent, typed `additionalInformation`, its documentInformation carrying the report type and the control number of
// the request it answers, and the document itself as a PAS DocumentReference with its content inline (PAS forbids
// URLs).
import type { Bundle, Claim, ClaimSupportingInfo, DocumentReference } from '@medplum/fhirtypes';
import type { AnswerDocument } from '../channel/channel.ts';
import { referenceOf } from '../fhir/record.ts';
import { toFhirId } from './assemble.ts';
import { withProfile } from './profiles.ts';
import type { PasSubmission } from './request.ts';
import { buildPasAddition } from './update.ts';
import { SYSTEMS, concept, EXTENSIONS, x12Concept } from './vocabulary.ts';

/** X12 755 `OZ` (support data) when the payer asked by a LOINC code rather than a report type. */
const DEFAULT_REPORT_TYPE = 'OZ';

/** `previous`: the pended request Bundle as sent; `submission`: the answer's own identity and time. */
export function buildPasInformationAnswer(
  previous: Bundle,
  submission: PasSubmission,
  documents: readonly AnswerDocument[],
): Bundle {
  const earlier = previous.entry?.[0]?.resource as Claim | undefined;
  const patient = earlier?.resourceType === 'Claim' ? earlier.patient : undefined;
  const sequence = Math.max(0, ...(earlier?.supportingInfo ?? []).map((info) => info.sequence));
  const resources = documents.map((document, index) =>
    documentReference(document, patient, `${toFhirId(submission.id).slice(0, 56)}-doc${String(index + 1)}`),
  );
  return buildPasAddition(previous, submission, {
    supportingInfo: documents.map((document, index) =>
      supportingInfo(document, resources[index] as DocumentReference, sequence + index + 1),
    ),
    resources,
  });
}

function documentReference(
  document: AnswerDocument,
  patient: Claim['patient'] | undefined,
  id: string,
): DocumentReference {
  return withProfile(
    {
      resourceType: 'DocumentReference',
      id,
      status: 'current',
      type: concept(SYSTEMS.loinc, document.loinc ?? '34109-9', document.loinc ? undefined : 'Note'),
      category: [concept(SYSTEMS.documentCategory, 'clinical-note', 'Clinical Note')],
      ...(patient ? { subject: patient } : {}),
      description: document.title,
      content: [{ attachment: { contentType: document.mediaType, data: document.data, title: document.title } }],
    },
    'documentreference',
  );
}

function supportingInfo(document: AnswerDocument, reference: DocumentReference, sequence: number): ClaimSupportingInfo {
  const asked = document.answers;
  const reportType = asked.system === SYSTEMS.x12('755') ? asked.code : DEFAULT_REPORT_TYPE;
  return {
    extension: [
      {
        url: EXTENSIONS.documentInformation,
        extension: [
          { url: 'reportTypeCode', valueCodeableConcept: x12Concept('755', reportType) },
          { url: 'transmissionMethod', valueCodeableConcept: x12Concept('756', 'EL') },
          ...(asked.pwkControlNumber ? [{ url: 'controlNumber', valueString: asked.pwkControlNumber }] : []),
          { url: 'description', valueString: `${document.title} (answers: ${asked.description})`.slice(0, 80) },
        ],
      },
    ],
    sequence,
    category: concept(SYSTEMS.pasTempCodes, 'additionalInformation'),
    valueReference: { reference: referenceOf(reference) },
  };
}
