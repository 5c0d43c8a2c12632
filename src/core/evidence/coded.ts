// Facts from coded resources: Conditions, Observations, Procedures, medications, imaging, family history and
// demographics. Each fact cites its resource and states its assertion from the resource's own status fields
// (a refuted Condition is negated, a resolved one historical, a FamilyMemberHistory is family, never the patient's).
import { scanIndicationIn } from './scan-indication.ts';
import type {
  CodeableConcept,
  Condition,
  DiagnosticReport,
  Encounter,
  FamilyMemberHistory,
  ImagingStudy,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  Procedure,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { ClinicalRecord } from '../fhir/record.ts';
import { referenceOf, resolve } from '../fhir/record.ts';
import { bodyPartOf, injuryBodyPart } from './body-part.ts';
import { DEFAULT_FILL_DAYS, prescriptionEnd } from './course.ts';
import {
  CANCER_TREATMENT_MODALITIES,
  CHOICE_REASON,
  CONDITIONS,
  RISK_FACTORS,
  THERAPIES,
  TOLERATED,
} from './notes/concepts.ts';
import { affirmedMatches, affirms } from './pathology-context.ts';
import { statedStaging } from './stated-stage.ts';
import {
  affirmedSiteWords,
  AGGRESSIVE_BCC,
  AGGRESSIVE_SCC,
  CANCER_ICD10,
  DICOM_MODALITY,
  DIFFERENTIAL_WORDS,
  DRUG_FORM_MODALITIES,
  DRUG_INGREDIENTS,
  IMMUNOSUPPRESSIVE_MODALITIES,
  PATHOLOGY_TYPES,
  SPECIMEN,
  RISK_FACTOR_ICD10,
  SKIN_MEASURE_CODES,
  SKIN_MEASURE_WORDS,
  SNOMED_BODY_SITE,
  SUBTYPE_WORDS,
  anatomicSiteOf,
  icd10SkinSite,
  ICD10_SYSTEMS,
  IMAGING_CPT,
  MEASURE_LOINC,
  METASTASIS_ICD10,
  NEURO_FINDING_SNOMED,
  RED_FLAG_ICD10,
  SNOMED_TO_ICD10,
  SYSTEMS,
  THERAPY_PROCEDURES,
  skinCarcinomaType,
  primaryCancerClass,
} from './codesets.ts';
import type {
  Assertion,
  CancerFact,
  Coding,
  ConditionFact,
  Fact,
  MeasurementFact,
  Provenance,
  StatedReason,
  TherapyFact,
  TherapyModality,
  TherapyOutcome,
} from './fact.ts';
import { weeksBetween } from './dates.ts';
import { lesionSizes } from './lesion-size.ts';
import { LIBRARY_DRUGS } from './library-drugs.ts';

export function extractCodedFacts(record: ClinicalRecord, asOf: string): Fact[] {
  const facts: Fact[] = [];
  facts.push(...demographicFacts(record.patient, asOf));
  for (const resource of record.resources) {
    facts.push(...factsOf(resource, record, asOf));
  }
  return facts;
}

function factsOf(resource: Resource, record: ClinicalRecord, asOf: string): Fact[] {
  switch (resource.resourceType) {
    case 'Condition':
      return conditionFacts(resource);
    case 'Observation':
      return observationFacts(resource);
    case 'Procedure':
      return procedureFacts(resource, record, asOf);
    case 'MedicationRequest':
    case 'MedicationStatement':
      return medicationFacts(resource, record, asOf);
    case 'ImagingStudy':
      return imagingStudyFacts(resource);
    case 'DiagnosticReport':
      return diagnosticReportFacts(resource);
    case 'FamilyMemberHistory':
      return familyFacts(resource);
    case 'Encounter':
      return encounterFacts(resource, record);
    default:
      return [];
  }
}

const day = (value: string | undefined): string | undefined => value?.slice(0, 10);

function codings(concept: CodeableConcept | undefined): Coding[] {
  return (concept?.coding ?? []).flatMap((c) =>
    c.system && c.code ? [{ system: c.system, code: c.code, ...(c.display ? { display: c.display } : {}) }] : [],
  );
}

function displayOf(concept: CodeableConcept | undefined): string {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code ?? 'unnamed';
}

/** ICD-10-CM codes of a concept: coded directly, or mapped from SNOMED CT where criteria need ICD-10. */
export function icd10Of(concept: CodeableConcept | undefined): string[] {
  const codes = new Set<string>();
  for (const c of concept?.coding ?? []) {
    if (!c.code || !c.system) continue;
    if (ICD10_SYSTEMS.has(c.system)) codes.add(c.code.toUpperCase());
    else if (c.system === SYSTEMS.snomed) {
      const mapped = SNOMED_TO_ICD10[c.code];
      if (mapped) codes.add(mapped.icd10);
    }
  }
  return [...codes];
}

/**
 * What a resource says it is for: its reason codes, and the Conditions its reason references point to (a reference
 * outside the record still says there was a reason, named by its display).
 */
function statedReasons(
  record: ClinicalRecord,
  codes: readonly CodeableConcept[] | undefined,
  references: readonly Reference[] | undefined,
): StatedReason[] {
  const reasons: StatedReason[] = (codes ?? []).map((code) => ({ display: displayOf(code), icd10: reasonIcd10(code) }));
  for (const ref of references ?? []) {
    const target = resolve(record, ref.reference);
    if (target?.resourceType === 'Condition') {
      reasons.push({
        display: displayOf(target.code),
        icd10: reasonIcd10(target.code),
        reference: referenceOf(target),
      });
    } else if (ref.display) reasons.push({ display: ref.display, icd10: [] });
  }
  return reasons;
}

// A reason coded outside our maps, or stated in words only, is read as a note would be ("Low back pain" → M54.50).
const CONDITION_WORDS = CONDITIONS.map((c) => ({
  pattern: new RegExp(c.pattern.source, c.pattern.flags.replace('g', '')),
  icd10: c.icd10,
}));
// Most reasons name none of them (bronchitis, a check-up): one scan rules them out.
const ANY_CONDITION_WORD = new RegExp(CONDITIONS.map((c) => `(?:${c.pattern.source})`).join('|'), 'i');

// A visit's reason in words says "back pain" for the low back ("Re-evaluation of back and left leg pain") unless it
// names another part of the back.
const BACK_PAIN_REASON =
  /(?<!\b(?:upper|mid|middle|thoracic|neck and)\s+)\bback(?:\s*(?:and|&|\/)\s*(?:(?:left|right|bilateral|L|R)\s+)?leg)?\s+pain\b/i;

function reasonIcd10(concept: CodeableConcept | undefined): string[] {
  const coded = icd10Of(concept);
  if (coded.length > 0 || !concept) return coded;
  const words = displayOf(concept);
  if (!ANY_CONDITION_WORD.test(words)) return BACK_PAIN_REASON.test(words) ? ['M54.50'] : [];
  return CONDITION_WORDS.filter((c) => c.pattern.test(words)).map((c) => c.icd10);
}

const withReasons = (reasons: StatedReason[]) => (reasons.length > 0 ? { reasons } : {});
const reasonText = (reasons: StatedReason[]) =>
  reasons.length > 0 ? ` for ${reasons.map((r) => r.display).join(', ')}` : '';

function snomedCodes(concept: CodeableConcept | undefined): string[] {
  return (concept?.coding ?? []).flatMap((c) => (c.system === SYSTEMS.snomed && c.code ? [c.code] : []));
}

const statusCode = (concept: CodeableConcept | undefined): string | undefined => concept?.coding?.[0]?.code;

function conditionAssertion(condition: Condition): Assertion {
  const verification = statusCode(condition.verificationStatus);
  if (verification === 'refuted' || verification === 'entered-in-error') return 'negated';
  if (verification === 'unconfirmed' || verification === 'provisional' || verification === 'differential') {
    return 'uncertain';
  }
  const clinical = statusCode(condition.clinicalStatus);
  if (clinical === 'resolved' || clinical === 'inactive' || clinical === 'remission') return 'historical';
  // "Hyperkeratotic palmar dermatitis - psoriasis vs hyperkeratotic hand eczema vs tinea manuum; biopsy pending": an
  // entry whose own words are a differential states none of its diagnoses.
  if (differentialEntry(condition.code?.text ?? '')) return 'uncertain';
  return 'affirmed';
}

const SYNDROME_WORDS = new RegExp(
  RISK_FACTORS.find((r) => r.factor === 'genetic_syndrome')?.pattern.source ?? '(?!)',
  'i',
);

const FAMILY_ENTRY = /\b(?:family history|FHx|FH)\b|\b(?:brother|sister|mother|father|sibling|son|daughter)\b/i;

/** An entry written as a differential, or held for the biopsy that decides it. */
const differentialEntry = (text: string): boolean =>
  DIFFERENTIAL_WORDS.test(text) || /\b(?:biopsy pending|pending (?:biopsy|pathology))\b/i.test(text);

function conditionFacts(condition: Condition): Fact[] {
  const reference = referenceOf(condition);
  const display = displayOf(condition.code);
  // A problem-list entry in words only ("Atopic dermatitis", refuted) is read as a note would read it.
  const icd10 = reasonIcd10(condition.code);
  const assertion = conditionAssertion(condition);
  const date = day(condition.onsetDateTime ?? condition.recordedDate);
  const base = { assertion, ...(date ? { date } : {}) };
  const source = { reference, text: `Condition: ${display}${icd10.length ? ` (${icd10.join(', ')})` : ''}` };
  const clinicalStatus = statusCode(condition.clinicalStatus) as ConditionFact['clinicalStatus'];
  const verificationStatus = statusCode(condition.verificationStatus) as ConditionFact['verificationStatus'];
  // "Atopic dermatitis of hands and feet" with no bodySite element: a skin disease's own words say where it is.
  const bodySite =
    condition.bodySite !== undefined
      ? condition.bodySite.flatMap(siteWords)
      : icd10.some((code) => /^L(?:20|40)/.test(code))
        ? affirmedSiteWords(condition.code?.text ?? '')
        : [];
  const facts: Fact[] = [
    {
      kind: 'condition',
      ...base,
      source,
      coding: codings(condition.code),
      icd10,
      display,
      ...(bodySite.length > 0 ? { bodySite } : {}),
      ...(clinicalStatus ? { clinicalStatus } : {}),
      ...(verificationStatus ? { verificationStatus } : {}),
      ...(day(condition.onsetDateTime) ? { onset: day(condition.onsetDateTime) } : {}),
      ...(day(condition.abatementDateTime) ? { abatement: day(condition.abatementDateTime) } : {}),
    },
  ];
  // A cancer diagnosis that is resolved is history of cancer: still a red flag, never a current tumour.
  for (const code of icd10) {
    for (const { prefix, flag } of RED_FLAG_ICD10) {
      if (!code.startsWith(prefix)) continue;
      // A basal cell carcinoma, or a history coded only as "other malignant neoplasm of skin" (Z85.828), does not
      // spread to the spine: no cancer red flag for back pain.
      if (flag === 'cancer_history' && (skinCarcinomaType(code) === 'bcc' || code.startsWith('Z85.828'))) break;
      // A substance use disorder "in remission" (F11.21, "in sustained remission") is history, not current use.
      const inRemission = /^F1\d\.[129]1$/.test(code) || /\bremission\b/i.test(display);
      const current =
        flag === 'cancer_history'
          ? assertion === 'historical'
            ? 'affirmed'
            : assertion
          : flag === 'iv_drug_use' && inRemission && assertion === 'affirmed'
            ? 'historical'
            : assertion;
      const part = injuryBodyPart(code) ?? bodyPartOf(bodySite.join(' '));
      facts.push({ kind: 'red_flag', flag, ...base, assertion: current, source, ...(part ? { bodySite: part } : {}) });
      break;
    }
    if (/^M5[14]\.1[67]|^M54\.4|^M54\.3/.test(code)) facts.push({ kind: 'radicular_pain', ...base, source });
  }
  const cancer = cancerOf(icd10);
  if (cancer) {
    // The lesion's site: the Condition's body site, else the site axis of the code (C44.31x nose, C44.4x scalp/neck).
    const site = bodySite[0] ?? icd10.map(icd10SkinSite).find((s) => s !== undefined);
    const recurrent = clinicalStatus === 'recurrence' || clinicalStatus === 'relapse';
    // "Melanoma L calf, pT4b N0 M0, stage IIC": a problem-list entry, or its stage element, states the staging.
    const staged = [condition.code?.text, ...(condition.stage ?? []).map((st) => st.summary && displayOf(st.summary))];
    facts.push({
      ...cancer,
      ...statedStaging(staged.filter(Boolean).join('; '), cancer.cancerType),
      ...(site ? { anatomicSite: site } : {}),
      ...(recurrent ? { primary: 'recurrent' as const } : {}),
      ...base,
      source,
    });
  }
  // A resolved haematologic cancer or a past transplant still counts: only a refuted or uncertain one does not.
  const current = assertion === 'historical' ? 'affirmed' : assertion;
  const factors = new Set(
    icd10.flatMap((code) => RISK_FACTOR_ICD10.find((r) => code.startsWith(r.prefix))?.factor ?? []),
  );
  // "Basal cell nevus syndrome (Gorlin)" coded Q87.89, a code shared by many syndromes: the entry's words name it.
  // (A family history entry, "FHx: brother with basal cell nevus syndrome" or Z80–Z84, is the relative's.)
  const family = FAMILY_ENTRY.test(display) || icd10.some((code) => /^Z8[0-4]/.test(code));
  if (SYNDROME_WORDS.test(display) && !family) factors.add('genetic_syndrome');
  for (const factor of factors)
    facts.push({ kind: 'risk_factor', factor, detail: display, ...base, assertion: current, source });
  const metastases = icd10.flatMap((code) => METASTASIS_ICD10.find((m) => code.startsWith(m.prefix))?.site ?? []);
  if (metastases.length > 0) {
    facts.push({ kind: 'cancer', cancerType: 'other_solid', metastaticSites: metastases, ...base, source });
  }
  for (const code of snomedCodes(condition.code)) {
    const finding = NEURO_FINDING_SNOMED[code];
    if (finding) facts.push({ kind: 'neuro_finding', finding, ...base, source });
  }
  return facts;
}

/** The cancer ICD-10-CM codes name (the first that names one), if any. */
export function cancerTypeOf(icd10: string[]): CancerFact['cancerType'] | undefined {
  return cancerOf(icd10)?.cancerType;
}

/** The cancer a study's coded reasons name (ICD-10-CM or mapped SNOMED CT), if any. */
function indicationOf(reasons: readonly CodeableConcept[] | undefined): CancerFact['cancerType'] | undefined {
  const codes = (reasons ?? []).flatMap((r) => icd10Of(r));
  return cancerTypeOf(codes) ?? codes.map(primaryCancerClass).find((c) => c !== undefined);
}

function cancerOf(icd10: string[]): Omit<CancerFact, 'assertion' | 'source' | 'date'> | undefined {
  for (const code of icd10) {
    const skin = skinCarcinomaType(code);
    if (skin) return { kind: 'cancer', cancerType: skin, biopsyProven: true };
    const known = CANCER_ICD10.find((c) => code.startsWith(c.prefix));
    if (known) return { kind: 'cancer', cancerType: known.cancerType, biopsyProven: true };
  }
  return undefined;
}

function observationFacts(observation: Observation): Fact[] {
  if (observation.status === 'entered-in-error' || observation.status === 'cancelled') return [];
  const reference = referenceOf(observation);
  const date = day(observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued);
  const base = { assertion: 'affirmed' as const, ...(date ? { date } : {}) };
  const facts: Fact[] = [
    ...skinMeasureFacts(observation, base, reference),
    ...pathologyObservationFacts(observation),
    ...strengthGradeFacts(observation, base, reference),
  ];
  for (const c of observation.code.coding ?? []) {
    const measure = c.system === SYSTEMS.loinc && c.code ? MEASURE_LOINC[c.code] : undefined;
    const value = observation.valueQuantity?.value ?? observation.valueInteger;
    if (measure && value !== undefined) {
      facts.push({
        kind: 'measurement',
        name: measure.name,
        value,
        unit: measure.unit,
        ...base,
        source: { reference, text: `${displayOf(observation.code)}: ${value}` },
      });
    }
    const finding = c.system === SYSTEMS.snomed && c.code ? NEURO_FINDING_SNOMED[c.code] : undefined;
    if (finding) {
      const negated = observation.valueBoolean === false || statusCode(observation.interpretation?.[0]) === 'N';
      const site = observation.bodySite?.text ?? displayOf(observation.bodySite);
      const level = /\b([LS][1-5])\b/.exec(site)?.[1];
      const side = /\bleft\b/i.test(site) ? 'left' : /\bright\b/i.test(site) ? 'right' : undefined;
      facts.push({
        kind: 'neuro_finding',
        finding,
        ...base,
        assertion: negated ? 'negated' : 'affirmed',
        ...(level ? { level } : {}),
        ...(side ? { side } : {}),
        ...(observation.valueString ? { grade: observation.valueString } : {}),
        source: { reference, text: `${displayOf(observation.code)}${site !== 'unnamed' ? ` (${site})` : ''}` },
      });
    }
  }
  return facts;
}

/** A muscle graded on the MRC scale ("Right ankle dorsiflexion (tibialis anterior) strength, MRC grade": "4/5"), in
 * words only: a grade below 5 is weakness at the side the name gives, 5/5 is normal strength. */
function strengthGradeFacts(
  observation: Observation,
  base: { assertion: 'affirmed'; date?: string },
  reference: string,
): Fact[] {
  const name = displayOf(observation.code);
  const grade = /^\s*([0-5][+-]?)\s*\/\s*5\s*$/.exec(observation.valueString ?? '')?.[1];
  if (grade === undefined || !/\b(?:strength|MRC|motor|power)\b/i.test(name)) return [];
  const side = /\b(?:left|lt)\b/i.test(name) ? 'left' : /\b(?:right|rt)\b/i.test(name) ? 'right' : undefined;
  const level = /\b([LS][1-5])\b/.exec(name)?.[1];
  const normal = grade === '5';
  return [
    {
      kind: 'neuro_finding',
      finding: 'motor_weakness',
      ...base,
      assertion: normal ? 'negated' : 'affirmed',
      ...(side && !normal ? { side } : {}),
      ...(level && !normal ? { level } : {}),
      ...(normal ? {} : { grade: `${grade}/5` }),
      source: { reference, text: `${name}: ${grade}/5` },
    },
  ];
}

function procedureFacts(procedure: Procedure, record: ClinicalRecord, asOf: string): Fact[] {
  if (procedure.status === 'entered-in-error' || procedure.status === 'not-done') return [];
  // Most procedures in a record are neither a therapy nor a study: leave before building their citation.
  const codes = procedure.code?.coding ?? [];
  const named = codes.some((c) => c.code && (THERAPY_PROCEDURES[c.code] ?? IMAGING_CPT[c.code]));
  // A cancer treatment named only in words ("Adjuvant radiation therapy, right scalp") is evidence, less robust.
  const worded = named ? undefined : cancerTreatmentNamed(displayOf(procedure.code));
  if (!named && worded === undefined) return [];
  const reference = referenceOf(procedure);
  const display = displayOf(procedure.code);
  const start = day(procedure.performedPeriod?.start ?? procedure.performedDateTime);
  const end = day(procedure.performedPeriod?.end ?? procedure.performedDateTime);
  const reasons = statedReasons(record, procedure.reasonCode, procedure.reasonReference);
  const source = {
    reference,
    text: `Procedure: ${display}${reasonText(reasons)}${start ? ` (${start}${end && end !== start ? ` to ${end}` : ''})` : ''}`,
  };
  const assertion: Assertion = procedure.status === 'preparation' ? 'hypothetical' : 'affirmed';
  const facts: Fact[] = [];
  for (const c of worded !== undefined ? [{ code: undefined }] : codes) {
    const modality = worded ?? (c.code !== undefined ? THERAPY_PROCEDURES[c.code] : undefined);
    if (modality) {
      const ongoing = procedure.status === 'in-progress';
      const until = ongoing ? asOf : end;
      facts.push(
        therapyFact(
          {
            modality,
            ...(start ? { start } : {}),
            ...(end && !ongoing ? { end } : {}),
            outcome: ongoing ? 'ongoing' : 'completed',
            providerDirected: true,
            ...withReasons(reasons),
            assertion,
            ...(start ? { date: start } : {}),
            source,
          },
          until,
        ),
      );
      break;
    }
    const imaging = c.code !== undefined ? IMAGING_CPT[c.code] : undefined;
    if (imaging) {
      const indication = indicationOf(procedure.reasonCode) ?? scanIndicationIn(source.text);
      facts.push({
        kind: 'imaging',
        modality: imaging.modality,
        bodySite: imaging.bodySite,
        ...(indication ? { indication } : {}),
        assertion,
        ...(start ? { date: start } : {}),
        source,
      });
      break;
    }
  }
  return facts;
}

const CANCER_TREATMENTS = THERAPIES.filter((t) => CANCER_TREATMENT_MODALITIES.has(t.modality)).map((t) => ({
  modality: t.modality,
  pattern: new RegExp(t.pattern.source, 'i'),
}));

/** The cancer treatment a procedure's words name, for a procedure carrying no code the library maps. */
function cancerTreatmentNamed(text: string): TherapyModality | undefined {
  return CANCER_TREATMENTS.find((t) => t.pattern.test(text))?.modality;
}

function therapyFact(fact: Omit<TherapyFact, 'kind'>, until: string | undefined): TherapyFact {
  const weeks = fact.start && until ? weeksBetween(fact.start, until) : undefined;
  return { kind: 'therapy', ...fact, ...(weeks !== undefined ? { durationWeeks: weeks } : {}) };
}

const INGREDIENT_PATTERNS = DRUG_INGREDIENTS.map(({ words, modality }) => ({
  pattern: new RegExp(`\\b(${words.join('|')})\\b`, 'i'),
  modality,
}));
const FORM_PATTERNS = DRUG_FORM_MODALITIES.map(({ word, form, modality }) => ({
  agent: word,
  word: new RegExp(`\\b${word}\\b`, 'i'),
  form,
  modality,
}));
// Most medications in a record name none of these drugs: one scan for any of the words rules them out before the
// ordered tables (whose order decides between two named ingredients) are walked.
const ANY_DRUG_WORD = new RegExp(
  `\\b(?:${[...DRUG_FORM_MODALITIES.map((m) => m.word), ...DRUG_INGREDIENTS.flatMap((d) => d.words)].join('|')})\\b`,
  'i',
);

// "Dupixent 300 mg/2 mL pen": a library drug named by its brand reads as its ingredient.
const BRAND_PATTERNS = LIBRARY_DRUGS.flatMap(({ ingredient, brands }) =>
  brands.map((brand) => ({ brand: new RegExp(`\\b${brand}\\b`, 'i'), ingredient })),
);

/** The therapy modality and agent a drug display names, e.g. 'Naproxen 500 MG Oral Tablet' → nsaid / naproxen. */
export function drugModality(display: string): { modality: TherapyFact['modality']; agent: string } | undefined {
  if (!ANY_DRUG_WORD.test(display)) {
    const branded = BRAND_PATTERNS.find((b) => b.brand.test(display));
    return branded && ANY_DRUG_WORD.test(branded.ingredient) ? drugModality(branded.ingredient) : undefined;
  }
  for (const { agent, word, form, modality } of FORM_PATTERNS) {
    if (word.test(display) && form.test(display)) return { modality, agent };
  }
  for (const { pattern, modality } of INGREDIENT_PATTERNS) {
    const match = pattern.exec(display);
    if (match?.[1]) return { modality, agent: match[1].toLowerCase() };
  }
  return undefined;
}

const NOTED_FAILURE =
  /\b(?:inadequate(?: response)?|no (?:significant |meaningful )?(?:improvement|response|benefit)|not effective|ineffective|failed|(?:loss|lost) of response|lost response)\b/i;

/** The date an order's note says the drug was stopped ("Stopped by patient 2026-07-09"), on or after its start. */
function stopDateIn(notes: readonly { text?: string }[] | undefined, start: string | undefined): string | undefined {
  for (const n of notes ?? []) {
    const m = /\b(?:stopped|discontinued|d\/c'?d)\b[^.;]{0,40}?\b(\d{4}-\d{2}-\d{2})\b/i.exec(n.text ?? '');
    if (m?.[1] !== undefined && (start === undefined || m[1] >= start)) return m[1];
  }
  return undefined;
}

const DOUBTED_ENTRY =
  /\b(?:uncertain|unsure|unconfirmed|unverified|possibly|maybe|not sure|unclear|\?\?)\b|\b(?:vs\.?|versus)\s+[A-Z]/i;

function medicationFacts(med: MedicationRequest | MedicationStatement, record: ClinicalRecord, asOf: string): Fact[] {
  const concept = med.medicationCodeableConcept;
  const display = displayOf(concept);
  const drug = drugModality(display);
  if (!drug) return [];
  const reference = referenceOf(med);
  let start: string | undefined;
  let end: string | undefined;
  let endAssumed = false;
  let outcome: TherapyOutcome;
  let assertion: Assertion = 'affirmed';
  if (med.resourceType === 'MedicationRequest') {
    if (med.status === 'entered-in-error' || med.status === 'cancelled' || med.intent === 'proposal') return [];
    if (med.status === 'draft') assertion = 'hypothetical';
    start = day(med.dispenseRequest?.validityPeriod?.start ?? med.authoredOn);
    if (start) ({ end, assumed: endAssumed } = prescriptionEnd(med, start));
    // "Stopped by patient 2026-07-09": the order's own note dates the stop, which a fill length only guessed.
    const stopped = stopDateIn(med.note, start);
    if (stopped !== undefined && (endAssumed || (end !== undefined && stopped < end))) {
      end = stopped;
      endAssumed = false;
    }
    // A stopped order says the drug ended, not why: the reason (or a note) says whether it failed.
    outcome = med.status === 'active' ? 'ongoing' : 'completed';
  } else {
    if (med.status === 'entered-in-error' || med.status === 'not-taken') return [];
    if (med.status === 'intended') assertion = 'hypothetical';
    start = day(med.effectivePeriod?.start ?? med.effectiveDateTime);
    end = day(med.effectivePeriod?.end);
    outcome = med.status === 'active' ? 'ongoing' : 'completed';
  }
  const stopReasons = med.resourceType === 'MedicationRequest' ? [med.statusReason] : (med.statusReason ?? []);
  const stopText = stopReasons
    .map((reason) => (reason ? displayOf(reason) : ''))
    .join(' ')
    .toLowerCase();
  // "patient preference (greasy texture); no adverse effects": a denied reaction is no intolerance, and a
  // preference is a stop by choice.
  const affirmedStop = stopText.replace(TOLERATED, ' ');
  const byChoice = CHOICE_REASON.test(affirmedStop);
  if (/intoleran|adverse|side effect|not tolerated/.test(affirmedStop)) outcome = 'intolerance';
  else if (/contraindicat/.test(affirmedStop)) outcome = 'contraindicated';
  else if (
    /ineffective|inadequate|not effective|no (?:response|improvement)|lack of (?:efficacy|response)|fail/.test(
      affirmedStop,
    )
  )
    outcome = 'failed';
  else if (/improv|responding|response|clear(?:ed)?\b|controlled/.test(affirmedStop) && outcome !== 'ongoing')
    outcome = 'improved';
  // A course that ended may say why in its note instead ("Used as directed ~9 weeks; inadequate response").
  else if (med.status === 'completed' || med.status === 'stopped') {
    const noted = (med.note ?? []).map((n) => n.text ?? '').join(' ');
    if (NOTED_FAILURE.test(noted.replace(TOLERATED, ' '))) outcome = 'failed';
  }
  // Samples and manufacturer programmes are not "established therapy" for payers such as UHC.
  const programText = [
    ...(med.note ?? []).map((n) => n.text),
    ...(med.resourceType === 'MedicationStatement' ? [med.informationSource?.display] : []),
    ...(med.resourceType === 'MedicationRequest'
      ? [med.courseOfTherapyType?.text, med.dispenseRequest?.performer?.display]
      : []),
  ]
    .filter((t): t is string => typeof t === 'string')
    .join(' ');
  const sample = /\bsamples?\b|manufacturer|patient assistance|bridge program|free drug|starter (?:dose|kit)/i.test(
    programText,
  );
  // "Humira (adalimumab) - patient reported, uncertain": an entry whose own words doubt it is no course on record.
  if (assertion === 'affirmed' && DOUBTED_ENTRY.test(`${display} ${programText}`)) assertion = 'uncertain';
  // An active statement says the drug was taken when it was asserted; after that the record does not say.
  const asserted = med.resourceType === 'MedicationStatement' ? day(med.dateAsserted) : undefined;
  const lastKnown =
    asserted !== undefined && asserted < asOf && (start === undefined || asserted >= start) ? asserted : asOf;
  const until = outcome === 'ongoing' ? (end && end < lastKnown ? end : lastKnown) : end;
  const reasons = statedReasons(record, med.reasonCode, med.reasonReference);
  const endText = end
    ? endAssumed
      ? ` to ${end} (one ${String(DEFAULT_FILL_DAYS)}-day fill assumed)`
      : ` to ${end}`
    : '';
  const source = {
    reference,
    text: `${med.resourceType}: ${display}${reasonText(reasons)}${start ? ` from ${start}` : ''}${endText}`,
  };
  return [
    therapyFact(
      {
        modality: drug.modality,
        agent: drug.agent,
        ...(start ? { start } : {}),
        ...(end ? { end } : {}),
        outcome,
        providerDirected: med.resourceType === 'MedicationRequest',
        ...(sample ? { sample: true } : {}),
        ...(byChoice ? { stoppedByChoice: true as const } : {}),
        ...(endAssumed ? { endAssumed } : {}),
        ...withReasons(reasons),
        assertion,
        ...(start ? { date: start } : {}),
        source,
      },
      until,
    ),
    // Current use of a transplant-type immunosuppressant makes the patient immunocompromised (Mohs AUC modifier).
    ...(IMMUNOSUPPRESSIVE_MODALITIES.has(drug.modality) && outcome === 'ongoing'
      ? [
          {
            kind: 'risk_factor' as const,
            factor: 'immunocompromised' as const,
            detail: drug.agent,
            assertion,
            ...(start ? { date: start } : {}),
            source,
          },
        ]
      : []),
  ];
}

function imagingStudyFacts(study: ImagingStudy): Fact[] {
  if (study.status === 'entered-in-error' || study.status === 'cancelled') return [];
  const codes = [...(study.modality ?? []), ...(study.series ?? []).map((s) => s.modality)].map((c) => c.code ?? '');
  const modalities = new Set(codes.map((code) => DICOM_MODALITY[code]).filter((m) => m !== undefined));
  // PET and CT acquired together are one PET/CT study.
  const modality = modalities.has('pet') && modalities.has('ct') ? 'pet_ct' : [...modalities][0];
  if (!modality) return [];
  const bodySite = study.series?.find((s) => s.bodySite)?.bodySite?.display ?? study.description;
  const date = day(study.started);
  const indication = indicationOf(study.reasonCode);
  return [
    {
      kind: 'imaging',
      modality,
      ...(bodySite ? { bodySite } : {}),
      ...(indication ? { indication } : {}),
      assertion: study.status === 'registered' ? 'hypothetical' : 'affirmed',
      ...(date ? { date } : {}),
      source: {
        reference: referenceOf(study),
        text: `ImagingStudy: ${study.description ?? modality}${date ? ` (${date})` : ''}`,
      },
    },
  ];
}

function diagnosticReportFacts(report: DiagnosticReport): Fact[] {
  if (report.status === 'entered-in-error' || report.status === 'cancelled') return [];
  const cpt = report.code.coding?.find((c) => c.code && IMAGING_CPT[c.code])?.code;
  const imaging = cpt ? IMAGING_CPT[cpt] : undefined;
  if (!imaging) return pathologyReportFacts(report);
  const date = day(report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued);
  return [
    {
      kind: 'imaging',
      modality: imaging.modality,
      bodySite: imaging.bodySite,
      assertion: 'affirmed',
      ...(date ? { date } : {}),
      source: {
        reference: referenceOf(report),
        text: `DiagnosticReport: ${displayOf(report.code)}${report.conclusion ? `: ${report.conclusion}` : ''}`,
      },
    },
  ];
}

function familyFacts(history: FamilyMemberHistory): Fact[] {
  if (history.status === 'entered-in-error') return [];
  const relationship = displayOf(history.relationship);
  return (history.condition ?? []).map((condition) => ({
    kind: 'family_history' as const,
    relationship,
    coding: codings(condition.code),
    display: displayOf(condition.code),
    assertion: 'family' as const,
    ...(day(history.date) ? { date: day(history.date) } : {}),
    source: { reference: referenceOf(history), text: `Family history (${relationship}): ${displayOf(condition.code)}` },
  }));
}

const FOLLOW_UP = /follow[- ]?up|re-?evaluation|recheck|return visit/i;
/** A visit its type names as remote ("Telephone encounter", "Telehealth video visit"), whatever class it carries. */
const REMOTE =
  /\b(?:telephone|phone call|phone visit|telehealth|telemedicine|video visit|virtual visit|e-?visit|portal message)\b/i;

/**
 * A finished face-to-face visit is an in-person evaluation; one typed as a follow-up is a re-evaluation. What it was
 * for is its reason, or a type that codes a condition. A remote one (class VR, or a type that says so) examined no one.
 */
function encounterFacts(encounter: Encounter, record: ClinicalRecord): Fact[] {
  if (encounter.status !== 'finished' || encounter.class.code === 'VR') return [];
  const label = [...(encounter.type ?? []).map(displayOf), ...(encounter.reasonCode ?? []).map(displayOf)].join('; ');
  if (REMOTE.test((encounter.type ?? []).map(displayOf).join('; '))) return [];
  const date = day(encounter.period?.start);
  const typedConditions = (encounter.type ?? []).filter((type) => reasonIcd10(type).length > 0);
  const reasons = statedReasons(
    record,
    [...(encounter.reasonCode ?? []), ...typedConditions],
    encounter.reasonReference,
  );
  return [
    {
      kind: 'evaluation',
      type: FOLLOW_UP.test(label) ? 're_evaluation' : 'in_person_visit',
      ...withReasons(reasons),
      assertion: 'affirmed',
      ...(date ? { date } : {}),
      source: { reference: referenceOf(encounter), text: `Encounter: ${label || 'visit'}${date ? ` (${date})` : ''}` },
    },
  ];
}

function demographicFacts(patient: Patient, asOf: string): Fact[] {
  if (!patient.birthDate) return [];
  const birth = patient.birthDate;
  let age = Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4));
  if (asOf.slice(5, 10) < (birth.slice(5, 10) || '01-01')) age -= 1;
  let months =
    (Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4))) * 12 +
    Number(asOf.slice(5, 7)) -
    Number(birth.slice(5, 7) || '1');
  if (asOf.slice(8, 10) < (birth.slice(8, 10) || '01')) months -= 1;
  return [
    {
      kind: 'demographic',
      ageYears: age,
      ageMonths: months,
      ...(patient.gender ? { sex: patient.gender } : {}),
      assertion: 'affirmed',
      // The source text states only the age: birth dates are PHI and stay out of citations.
      source: { reference: referenceOf(patient), text: `Patient age ${age}` },
    },
  ];
}

/** Site words of a body site concept: its text, its display, or the SNOMED CT body structure it codes. */
function siteWords(concept: CodeableConcept): string[] {
  const words = [concept.text, ...(concept.coding ?? []).map((c) => c.display)].filter(
    (t): t is string => typeof t === 'string' && t.trim() !== '',
  );
  const snomed = (concept.coding ?? []).flatMap((c) =>
    c.system === SYSTEMS.snomed && c.code && SNOMED_BODY_SITE[c.code] ? [SNOMED_BODY_SITE[c.code] ?? ''] : [],
  );
  const all = [...words, ...snomed].map((w) => w.toLowerCase());
  // The first recognisable description wins; an unrecognised text is still kept (it is what the record says).
  const known = all.find((w) => anatomicSiteOf(w) !== undefined);
  return known ? [known] : all.slice(0, 1);
}

/** Dermatology measures: lesion size (LOINC tumour size, mm → cm) and the severity scores (BSA %, EASI, IGA, PASI,
 * DLQI) by their documented codes, else by the words of the Observation's code. */
function skinMeasureFacts(
  observation: Observation,
  base: { assertion: 'affirmed'; date?: string },
  reference: string,
): MeasurementFact[] {
  const value = observation.valueQuantity?.value ?? observation.valueInteger;
  if (value === undefined) return [];
  const unit = (observation.valueQuantity?.code ?? observation.valueQuantity?.unit ?? '').toLowerCase();
  const coded = (observation.code.coding ?? [])
    .map((c) => SKIN_MEASURE_CODES[`${c.system ?? ''}|${c.code ?? ''}`])
    .find((m) => m !== undefined);
  const words = [observation.code.text, ...(observation.code.coding ?? []).map((c) => c.display)].join(' ');
  const measure =
    coded ??
    SKIN_MEASURE_WORDS.find(
      (m) => m.pattern.test(words) && (m.percentOnly !== true || unit === '%' || unit === 'percent'),
    );
  if (!measure) return [];
  let normalised = value;
  if (measure.name === 'lesion_size_cm') {
    if (unit === 'mm') normalised = value / 10;
    else if (unit !== 'cm' && unit !== '') return [];
    normalised = Math.round(normalised * 100) / 100;
  }
  const site = observation.bodySite ? siteWords(observation.bodySite)[0] : undefined;
  return [
    {
      kind: 'measurement',
      name: measure.name,
      value: normalised,
      unit: measure.unit,
      ...base,
      source: {
        reference,
        text: `${displayOf(observation.code)}: ${value}${unit ? ` ${unit}` : ''}${site ? ` (${site})` : ''}`,
      },
    },
  ];
}

/** A skin cancer described in pathology text: type, histologic subtype (with the AUC's aggressive classes), site. */
export function pathologyCancer(
  text: string,
  siteHint?: string,
): Omit<CancerFact, 'assertion' | 'source' | 'date'> | undefined {
  const type = PATHOLOGY_TYPES.find((t) => t.pattern.test(text))?.cancerType;
  if (!type) return undefined;
  // Only the features the report affirms ("no infiltrative component identified" is not infiltrative).
  const subtypes = [...new Set(affirmedMatches(text, SUBTYPE_WORDS).map((w) => w.toLowerCase()))];
  const skin = type === 'bcc' || type === 'cutaneous_scc' || type === 'scc_in_situ';
  const aggressive =
    type === 'bcc'
      ? affirms(text, AGGRESSIVE_BCC)
      : type === 'cutaneous_scc'
        ? affirms(text, AGGRESSIVE_SCC)
        : undefined;
  // "… - recurrent?", "possibly recurrent": a recurrence in question is not stated.
  const recurrent =
    /\brecurren(?:t|ce)\b|\bre-?excision of (?:a )?recurren/i.test(text) &&
    !/\b(?:possibl[ey]|probabl[ey]|questionabl[ey]|question of|r\/o|rule out|\?)\s*recurren|\brecurren(?:t|ce)\s*\?/i.test(
      text,
    );
  const site = siteHint ?? sidedSite(text);
  // Sentences of the gross description measure the specimen, not the lesion.
  const clinical = text
    .split(/(?<=[.;])\s+/)
    .filter((sentence) => !SPECIMEN.test(sentence))
    .join(' ');
  const sizeCm = lesionSizes(clinical)[0];
  return {
    kind: 'cancer',
    cancerType: type,
    biopsyProven: true,
    ...(subtypes.length > 0 ? { subtype: subtypes.join(', ') } : {}),
    ...(skin && aggressive !== undefined && (aggressive || subtypes.length > 0)
      ? { aggressiveSubtype: aggressive }
      : {}),
    ...(recurrent
      ? { primary: 'recurrent' as const }
      : /\bprimary\b|\bde novo\b|\bpreviously untreated\b/i.test(text)
        ? { primary: 'primary' as const }
        : {}),
    ...(site ? { anatomicSite: site } : {}),
    ...(sizeCm !== undefined && /\b(?:lesion|tumou?r|clinical(?:ly)?|measur\w*|diameter|size)\b/i.test(clinical)
      ? { sizeCm: Math.round(sizeCm * 100) / 100 }
      : {}),
  };
}

const PATHOLOGY_REPORT_CODES = new Set(['11526-1', '22637-3', '60567-5', '22634-0', '66117-3']);

/** A pathology DiagnosticReport (by category or LOINC code): its conclusion and coded conclusions name the tumour. */
function pathologyReportFacts(report: DiagnosticReport): Fact[] {
  const pathology =
    (report.category ?? []).some((c) => (c.coding ?? []).some((cc) => cc.code === 'PAT' || cc.code === 'SP')) ||
    (report.code.coding ?? []).some((c) => c.system === SYSTEMS.loinc && PATHOLOGY_REPORT_CODES.has(c.code ?? '')) ||
    /patholog|biopsy|surgical specimen/i.test(displayOf(report.code));
  if (!pathology) return [];
  const conclusionCodes = (report.conclusionCode ?? []).flatMap((c) => icd10Of(c));
  const text = [report.conclusion, ...(report.conclusionCode ?? []).map(displayOf)].filter(Boolean).join('. ');
  const fromText = pathologyCancer(text);
  const fromCode = cancerOf(conclusionCodes);
  const cancer = fromText ?? fromCode;
  if (!cancer) return [];
  const date = day(report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued);
  const site = cancer.anatomicSite ?? conclusionCodes.map(icd10SkinSite).find((s) => s !== undefined);
  const source: Provenance = {
    reference: referenceOf(report),
    text: `Pathology: ${report.conclusion ?? displayOf(report.code)}`,
  };
  const cancerType = fromCode?.cancerType ?? cancer.cancerType;
  return [
    {
      ...cancer,
      ...statedStaging(report.conclusion ?? '', cancerType),
      // The code's type wins over words (a conclusion may mention a second, excluded diagnosis).
      cancerType,
      ...(site ? { anatomicSite: site } : {}),
      assertion: /\bno (?:residual )?(?:carcinoma|tumou?r|malignancy)\b|negative for (?:carcinoma|malignancy)/i.test(
        report.conclusion ?? '',
      )
        ? 'negated'
        : provisionalPathology(report, text, fromText !== undefined && fromCode === undefined)
          ? 'uncertain'
          : 'affirmed',
      ...(date ? { date } : {}),
      source,
    },
  ];
}

/** A report not yet final, or one whose words name the tumour only in a differential ("differential diagnosis
 * includes Merkel cell carcinoma, …; stains pending"): the diagnosis is provisional until the final report. */
function provisionalPathology(report: DiagnosticReport, text: string, typeFromWords: boolean): boolean {
  if (report.status === 'preliminary' || report.status === 'partial' || report.status === 'registered') return true;
  return typeFromWords && !PATHOLOGY_TYPES.some((t) => affirms(text, t.pattern));
}

/** An Observation whose value states a histologic diagnosis ("Histologic type: basal cell carcinoma, nodular"). */
function pathologyObservationFacts(observation: Observation): Fact[] {
  const value =
    observation.valueString ??
    (observation.valueCodeableConcept ? displayOf(observation.valueCodeableConcept) : undefined);
  if (!value || !/histolog|patholog|diagnosis|tumou?r type|subtype/i.test(displayOf(observation.code))) return [];
  const site = observation.bodySite ? siteWords(observation.bodySite)[0] : undefined;
  const cancer = pathologyCancer(value, site);
  if (!cancer) return [];
  const date = day(observation.effectiveDateTime ?? observation.issued);
  return [
    {
      ...cancer,
      assertion: 'affirmed',
      ...(date ? { date } : {}),
      source: { reference: referenceOf(observation), text: `${displayOf(observation.code)}: ${value}` },
    },
  ];
}

const SIDE_BEFORE_SITE = /\b(left|right|lt|rt|l|r)\.?\s+(?:[a-z]+\s+){0,2}$/i;

/** "Skin, right posterior shoulder": the site with the side written a word or two before it, which tells this
 * shoulder's lesion from one on the other side. */
function sidedSite(text: string): string | undefined {
  const found = anatomicSiteOf(text);
  if (!found) return undefined;
  const at = text.toLowerCase().indexOf(found.site);
  const side = at < 0 ? null : SIDE_BEFORE_SITE.exec(text.slice(Math.max(0, at - 30), at));
  if (!side?.[1] || /^(?:left|right|lt|rt|l|r)\b/i.test(found.site)) return found.site;
  return `${side[1].toLowerCase().startsWith('l') ? 'left' : 'right'} ${found.site}`;
}
