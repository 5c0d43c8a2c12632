// Builders for prior imaging (ImagingStudy with its DiagnosticReport) and pathology reports.
import type { Coding, DiagnosticReport, ImagingStudy, Reference } from '@medplum/fhirtypes';
import type { CaseContext } from '../context.ts';
import { concept, loinc, snomed } from '../codes.ts';
import type { PatientInfo, Requester } from './admin.ts';

const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';

/** A DICOM UID under the 2.25 (UUID-derived) root, drawn from the PRNG. */
function dicomUid(ctx: CaseContext): string {
  return `2.25.${BigInt(`0x${ctx.random.uuid().replace(/-/g, '')}`).toString()}`;
}

export interface PriorImagingSpec {
  date: string;
  /** CPT coding of the study, e.g. 72100 lumbar spine x-ray. */
  procedure: Coding;
  dicomModality: { code: 'DX' | 'CR' | 'CT' | 'MR' | 'PT'; display: string };
  bodySite: Coding;
  description: string;
  views: number;
  conclusion: string;
  requester: Requester;
}

/** A completed imaging study and its signed report. */
export function addPriorImaging(ctx: CaseContext, patient: PatientInfo, spec: PriorImagingSpec): void {
  const started = ctx.at(spec.date);
  const modality = { system: DICOM, ...spec.dicomModality };
  const study = ctx.add<ImagingStudy>({
    resourceType: 'ImagingStudy',
    identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${dicomUid(ctx)}` }],
    status: 'available',
    modality: [modality],
    subject: patient.ref,
    started,
    referrer: spec.requester.practitioner,
    numberOfSeries: 1,
    numberOfInstances: spec.views,
    procedureCode: [concept(spec.procedure)],
    description: spec.description,
    series: [{ uid: dicomUid(ctx), number: 1, modality, numberOfInstances: spec.views, bodySite: spec.bodySite }],
  });
  ctx.add<DiagnosticReport>({
    resourceType: 'DiagnosticReport',
    status: 'final',
    category: [{ coding: [{ system: V2_0074, code: 'RAD', display: 'Radiology' }] }],
    code: concept(spec.procedure, spec.description),
    subject: patient.ref,
    effectiveDateTime: started,
    issued: started.replace(/T\d\d/, 'T17'),
    imagingStudy: [study],
    conclusion: spec.conclusion,
  });
}

export const LUMBAR_SPINE_SITE = snomed('122496007', 'Lumbar spine structure');

export interface PathologySpec {
  date: string;
  specimen: string;
  diagnosis: string;
  conclusionCode?: Coding;
  performer?: Requester;
}

/** A final surgical pathology report. */
export function addPathologyReport(
  ctx: CaseContext,
  patient: PatientInfo,
  spec: PathologySpec,
): Reference<DiagnosticReport> {
  return ctx.add<DiagnosticReport>({
    resourceType: 'DiagnosticReport',
    status: 'final',
    category: [{ coding: [{ system: V2_0074, code: 'SP', display: 'Surgical Pathology' }] }],
    code: concept(loinc('11526-1', 'Pathology study'), `Surgical pathology: ${spec.specimen}`),
    subject: patient.ref,
    effectiveDateTime: ctx.at(spec.date),
    issued: `${spec.date}T18:00:00-05:00`,
    ...(spec.performer ? { resultsInterpreter: [spec.performer.practitioner] } : {}),
    conclusion: spec.diagnosis,
    ...(spec.conclusionCode ? { conclusionCode: [concept(spec.conclusionCode)] } : {}),
  });
}
