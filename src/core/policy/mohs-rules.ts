// Mohs rules: the lesion's profile (tumour, subtype, primary/recurrent, size band, AUC area, patient modifiers)
// gathered from every fact that describes it, the AUC rating of that profile, the area alone, and the check that
// the billed CPT site family matches the documented site. When a dimension the rating depends on is missing, the
// answer is unknown and the request names that dimension; a dimension the rating does not depend on is not asked.
import type { CodeableConcept } from '@medplum/fhirtypes';
import type { EvidenceCitation } from '../determination/determination.ts';
import {
  AGGRESSIVE_BCC,
  AGGRESSIVE_SCC,
  CANCER_ICD10,
  SNOMED_BODY_SITE,
  SYSTEMS,
  anatomicSiteOf,
  skinCarcinomaType,
  type AnatomicSite,
  type AucArea,
  type MohsCptFamily,
} from '../evidence/codesets.ts';
import { addDays, compareIsoDates } from '../evidence/dates.ts';
import type { CancerFact, CancerType, Fact, MeasurementFact } from '../evidence/fact.ts';
import {
  AUC_AREAS,
  AUC_IMMUNE,
  AUC_SIZES,
  AUC_STATUSES,
  AUC_SUBTYPES,
  SIZE_LABEL,
  aucRating,
  sizeBand,
  type AucImmune,
  type AucRating,
  type AucScenario,
  type AucStatus,
  type AucSubtype,
  type AucTumour,
} from './mohs-auc.ts';
import { mayHaveIrradiatedAny } from './mohs-radiation.ts';
import {
  citation,
  newestDate,
  orderCitation,
  orderResource,
  orderServiceCode,
  type RuleContext,
  type RuleResult,
} from './rule-context.ts';
import type Type from 'typebox';
import type { MohsAucSettings } from './rules/mohs-auc.ts';
import type { LesionAreaSettings } from './rules/lesion-area.ts';

const MOHS_TYPES: ReadonlySet<CancerType> = new Set([
  'bcc',
  'cutaneous_scc',
  'scc_in_situ',
  'melanoma_in_situ',
  'melanoma',
  'merkel_cell',
]);

export interface LesionProfile {
  cancerType?: CancerType;
  tumour?: AucTumour;
  subtype?: AucSubtype;
  status?: AucStatus;
  sizeCm?: number;
  site?: AnatomicSite;
  immune?: AucImmune;
  priorRadiation: boolean;
  /** Radiation is on record, but whether it reached the tumour's skin is an open question. */
  radiationOpen?: boolean;
  geneticSyndrome: boolean;
  /** A pathology (or a coded diagnosis) of this lesion is on record, not only a clinical impression or a pending biopsy. */
  biopsyProven: boolean;
  evidence: EvidenceCitation[];
}

/** A question about the immune status itself ("given ?immunosuppression", "if immunosuppressed …"), not a plan that
 * names it ("no plans to change immunosuppression"). */
const STATUS_QUESTIONED =
  /(?:\?\s*|\b(?:if|whether)\s+(?:(?:she|he|they|the patient|pt)\s+(?:is|was|are|were)\s+)?(?:still\s+)?(?:on\s+(?:active\s+|current\s+|any\s+)?)?)immuno-?(?:suppress|compromis)/i;

function cancerTypeOfCode(code: string): CancerType | undefined {
  return skinCarcinomaType(code) ?? CANCER_ICD10.find((c) => code.startsWith(c.prefix))?.cancerType;
}

function conceptSite(concept: CodeableConcept | undefined): AnatomicSite | undefined {
  if (!concept) return undefined;
  const words = [
    concept.text,
    ...(concept.coding ?? []).map((c) => c.display),
    ...(concept.coding ?? []).map((c) =>
      c.system === SYSTEMS.snomed && c.code ? SNOMED_BODY_SITE[c.code] : undefined,
    ),
  ].filter((w): w is string => typeof w === 'string');
  for (const w of words) {
    const site = anatomicSiteOf(w);
    // Keep the whole description ("left upper back"), not only the word that settled it.
    if (site) return { ...site, site: w.trim().toLowerCase() };
  }
  return undefined;
}

const byDate = (a: Fact, b: Fact): number => compareIsoDates(a.date ?? '', b.date ?? '');
const sameSentence = (a: Fact, b: Fact): boolean =>
  a.source.reference === b.source.reference && a.source.start === b.source.start;

/** Body parts a lesion is placed on, by the words records use for them. */
const BODY_PART_WORDS =
  'shoulder|chest|breast|back|abdomen|flank|arm|forearm|elbow|wrist|hand|finger|thumb|thigh|knee|leg|shin|calf|ankle|foot|toe|neck|scalp|forehead|temple|cheek|nose|ear|lip|chin|eyelid|jaw|buttock|groin|hip';
const SIDE = /\b(left|right)\b|\b(lt|rt)\b\.?/i;
/** "L dorsal forearm", "R cheek": a capital L or R before a body site. */
const SIDE_LETTER = new RegExp(`\\b([LR])\\.? (?=(?:[a-z]+ ){0,2}(?:${BODY_PART_WORDS}|nasal|ala|brow|trunk)\\b)`);
const sideOf = (text: string): 'left' | 'right' | undefined => {
  const m = SIDE.exec(text) ?? SIDE_LETTER.exec(text);
  const word = (m?.[1] ?? m?.[2] ?? '').toLowerCase();
  return word === '' ? undefined : word.startsWith('l') ? 'left' : 'right';
};

/**
 * A lesion described at a site that cannot be the treated one: the opposite side, or another AUC area. `described`
 * is the fact's site words; its sentence may carry the side the site words leave out ("right cheek, … BCC").
 */
function otherLesion(described: string, sentence: string, treated: string): boolean {
  const a = sideOf(described) ?? sideOf(sentence);
  const b = sideOf(treated);
  if (a && b && a !== b) return true;
  const areaA = anatomicSiteOf(described)?.area;
  const areaB = anatomicSiteOf(treated)?.area;
  return areaA !== undefined && areaB !== undefined && areaA !== areaB;
}

const SITE_DOUBT =
  /\b(?:location|site|biopsy site|lesion site)\b[^.;]{0,40}?\b(?:not (?:yet )?(?:confirmed|identified|identifiable|certain|clear|established)|(?:cannot|can't|could not|unable to) (?:be )?(?:identif|confirm|locat|determin)\w*|unclear|uncertain|in question|discrepan\w*)/i;
const SITE_SETTLED =
  /\b(?:location|site|biopsy site)\b[^.;]{0,40}?\b(?:confirmed|identified|verified)\b(?<!not (?:yet )?(?:confirmed|identified|verified))/i;

/** The newest statement doubting the lesion's site, unless a later one settles it. */
function siteInDoubt(facts: readonly Fact[]): Fact | undefined {
  const doubts = facts.filter((f) => SITE_DOUBT.test(f.source.text)).sort(byDate);
  const last = doubts.at(-1);
  if (!last) return undefined;
  const settled = facts.some(
    (f) => SITE_SETTLED.test(f.source.text) && !SITE_DOUBT.test(f.source.text) && (f.date ?? '') > (last.date ?? ''),
  );
  return settled ? undefined : last;
}

// Body parts a lesion is placed on, as the records name them: two statements that name disjoint parts are about
// different lesions.
const BODY_PARTS = new RegExp(`\\b(${BODY_PART_WORDS})s?\\b`, 'gi');
const partsOf = (text: string): Set<string> =>
  new Set([...text.matchAll(BODY_PARTS)].map((m) => (m[1] ?? '').toLowerCase()));

/** The histology is still to come: an addendum or stains pending, or a final report awaited after a preliminary. */
const PATHOLOGY_PENDING =
  /\b(?:subtype|growth pattern|addendum|deeper levels|special stains|final (?:report|diagnosis|read|pathology|histology))\b[^.;]{0,40}\b(?:pending|requested|to follow|not yet (?:signed|final|back|available|received))|\bpending (?:the )?(?:addendum|final|deeper levels|special stains)|\bpreliminary\b/i;

const AGGRESSIVE_WORD = '(?:infiltrat\\w*|morphea\\w*|sclerosing|micronodular|basosquamous|perineural(?: invasion)?)';
const AGGRESSIVE_OPEN = new RegExp(
  `\\b${AGGRESSIVE_WORD}\\b[^.;]{0,60}\\b(?:cannot be (?:confirmed|excluded|ruled out)|can(?:'|no)t be (?:confirmed|excluded)|not (?:excluded|ruled out)|equivocal|indeterminate)|\\b(?:cannot|can't) (?:exclude|rule out) (?:an? )?(?:\\w+ ){0,2}${AGGRESSIVE_WORD}`,
  'i',
);

const PATHOLOGY_RESOLVED = /\b(?:amended|addendum|final (?:report|diagnosis|pathology))\b/i;

/** The pathology could not subtype the tumour (a transected shave, too little tissue). */
const SUBTYPE_INDETERMINATE =
  /\b(?:sub)?type\b[^.;]{0,50}\b(?:can ?not|could not|unable to) be (?:determined|assessed|established)|\b(?:sub)?type\b[^.;]{0,30}\b(?:indeterminate|undetermined|not (?:determinable|assessable))\b|\b(?:cannot|can't|could not|unable to) (?:determine|assess|establish) (?:the )?(?:histologic )?(?:sub)?type\b/i;

const WHOLE_LIMB = /\b(?:upper|lower) (?:extremity|limb)\b|^(?:(?:left|right|l|r)\s+)?(?:arm|leg)$/i;
const LIMB_PART = /\b(?:hands?|fingers?|thumbs?|palms?|feet|foot|toes?|soles?|ankles?|wrists?|nail)\b/i;

/** How long before a tumour is first recorded a lesion size may have been measured (a lesion watched before biopsy). */
const SIZE_BEFORE_DAYS = 120;

const STATUS_OPEN =
  /\b(?:new\s+|de novo\s+)?primary\s+(?:vs\.?|versus|or)\s+recurren(?:t|ce)\b(?!\s*[:=-]?\s*(?:primary|recurren))|\brecurren(?:t|ce)\s+(?:vs\.?|versus|or)\s+(?:new\s+|de novo\s+)?primary\b(?!\s*[:=-]?\s*(?:primary|recurren))|\b(?:primary|recurren\w*)\b[^.;]{0,40}\b(?:undetermined|indeterminate|unclear|uncertain|unknown|not (?:yet )?(?:determined|established|known|clear))\b/i;

/** A prior treatment of this tumour dated in the record ("treated with ED&C on 01/15/2025"). */
const DATED_PRIOR_TREATMENT =
  /\b(?:treated|removed|excised) (?:with |by )?(?:ED&C|excision|Mohs|curettage|cryo\w*|radiation)?\b[^.;]{0,20}\b(?:on|in)\s+(?:\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}\/\d{4}|(?:19|20)\d{2})\b/i;

/** What a statement of recurrence rests on: the pathology, the prior treatment's records or date, or its scar. */
const RECURRENCE_BASIS =
  /\b(?:path\w*|bx|biops\w*|c\/w|consistent with|reviewed|scar|(?:ED&C|excis\w*|Mohs|treated|curett\w*|radiation)\b[^.;]{0,30}\b(?:\d{1,2}\/\d{2,4}|(?:19|20)\d{2}))\b/i;

/** Everything the record says about the lesion the order is for. */
export function lesionProfile(ctx: RuleContext): LesionProfile {
  const evidence: EvidenceCitation[] = [];
  const cancers = ctx.facts
    .filter((f): f is CancerFact => f.kind === 'cancer' && f.assertion === 'affirmed' && MOHS_TYPES.has(f.cancerType))
    .sort(byDate);
  const ordered = ctx.order.reasonIcd10.map(cancerTypeOfCode).find((t) => t !== undefined && MOHS_TYPES.has(t));
  const cancerType = ordered ?? cancers.at(-1)?.cancerType;
  const ofType = cancers.filter((c) => c.cancerType === cancerType);

  // The order's own body site is the lesion being treated; else the latest description of the tumour's site.
  const order = orderResource(ctx);
  let site =
    order?.resourceType === 'ServiceRequest' ? (order.bodySite ?? []).map(conceptSite).find(Boolean) : undefined;
  const described = [...ofType]
    .reverse()
    .find((c) => c.anatomicSite !== undefined && anatomicSiteOf(c.anatomicSite) !== undefined);
  const found = described?.anatomicSite ? anatomicSiteOf(described.anatomicSite) : undefined;
  // "Right upper extremity" on the order names the limb; the pathology's "right dorsal hand" names the part of it the
  // tumour is on, and the part decides the AUC area.
  const withinLimb =
    site !== undefined &&
    found !== undefined &&
    described?.anatomicSite !== undefined &&
    WHOLE_LIMB.test(site.site) &&
    LIMB_PART.test(described.anatomicSite) &&
    (sideOf(described.anatomicSite) === undefined || sideOf(site.site) === sideOf(described.anatomicSite));
  // "Right lower leg" on the order leaves the area open (Area L, or M on its pretibial surface); the notes' "right
  // anterior shin" settles it within the order's own candidates, when every description in words agrees on the area
  // (the calf in the pathology and the shin in the consult leave it open; a code title names no part).
  // (A note restating the order's own words, "SCC of the R lower leg", neither settles nor disputes the area.)
  const restatesOrder = (c: CancerFact): boolean =>
    site !== undefined && c.anatomicSite?.toLowerCase() === site.site.toLowerCase();
  // A lesion measured at a named site ("Left posterolateral calf: 1.0 cm crusted papule") places it too.
  const measuredAt = ctx.facts.flatMap((f) =>
    f.kind === 'measurement' && f.name === 'lesion_size_cm' && f.assertion === 'affirmed'
      ? [anatomicSiteOf(f.site ?? f.source.text)]
      : [],
  );
  const wordedAreas = new Set([
    ...ofType
      .filter((c) => c.anatomicSite !== undefined && !c.source.reference.startsWith('Condition/') && !restatesOrder(c))
      .map((c) => anatomicSiteOf(c.anatomicSite ?? '')?.area),
    ...measuredAt.flatMap((m) => (m?.area !== undefined ? [m.area] : [])),
  ]);
  const settlesOrder =
    site !== undefined &&
    site.area === undefined &&
    site.between !== true &&
    found?.area !== undefined &&
    (site.areas ?? []).includes(found.area) &&
    wordedAreas.size === 1 &&
    wordedAreas.has(found.area) &&
    described?.anatomicSite !== undefined &&
    (sideOf(described.anatomicSite) === undefined || sideOf(site.site) === sideOf(described.anatomicSite));
  if (site && !withinLimb && !settlesOrder) evidence.push(orderCitation(ctx, `Order body site: ${site.site}`));
  else if (found && described?.anatomicSite) site = { ...found, site: described.anatomicSite };
  // A tumour described at another site (the other cheek, a 2022 lesion of the back) is another lesion: its
  // subtype, size and history do not describe the one the order treats.
  const treated = site?.site;
  const sameLesion = (f: Fact, described?: string): boolean =>
    !treated || !otherLesion(described ?? f.source.text, f.source.text, treated);
  const mine = ofType.filter((c) => sameLesion(c, c.anatomicSite));
  evidence.push(...mine.map(citation));
  // "Left dorsal hand vs distal forearm at the wrist - exact location not confirmed": while the newest word on the
  // lesion's site doubts it, the site sets no AUC area.
  const siteDoubt = siteInDoubt(ctx.facts);
  if (site && siteDoubt) {
    site = { ...site };
    delete site.area;
    delete site.areas;
    evidence.push(citation(siteDoubt));
  }
  const subtypeText = mine.map((c) => c.subtype ?? '').join(', ');
  // The AUC counts an SCC 2 mm or deeper as aggressive, whatever its subtype.
  const aggressiveFlag = mine.some(
    (c) =>
      c.aggressiveSubtype === true ||
      ((c.cancerType === 'cutaneous_scc' || c.cancerType === 'scc_in_situ') && (c.breslowMm ?? 0) >= 2),
  );
  const explicitlyNot = mine.some((c) => c.aggressiveSubtype === false);

  // "Subtype pending addendum", "deeper levels requested": the histology that decides the AUC class is still to
  // come, unless a statement of the subtype is newer than the last word that it is pending.
  const pendingSaid = newestDate(
    ctx.facts.filter(
      (f) => f.kind === 'cancer' && f.cancerType === cancerType && PATHOLOGY_PENDING.test(f.source.text),
    ),
  );
  // "ADDENDUM 10/13: deeper levels show infiltrative component", "Amended: …": the awaited read has come, on or after
  // the last word that it was pending.
  const resolvedOn = newestDate(
    ctx.facts.filter(
      (f) =>
        f.kind === 'cancer' &&
        f.cancerType === cancerType &&
        PATHOLOGY_RESOLVED.test(f.source.text) &&
        !PATHOLOGY_PENDING.test(f.source.text),
    ),
  );
  const pendingOn = pendingSaid !== '' && resolvedOn >= pendingSaid ? '' : pendingSaid;
  const subtypedOn = newestDate(mine.filter((c) => c.subtype !== undefined && !PATHOLOGY_PENDING.test(c.source.text)));
  const subtypePending = pendingOn !== '' && pendingOn >= subtypedOn;
  // "Infiltrative component at the deep edge, cannot be confirmed or excluded": an aggressive pattern the pathology
  // leaves open keeps the class open, whatever the confirmed pattern beside it.
  const aggressiveOpen = mine.some((c) => AGGRESSIVE_OPEN.test(c.source.text));

  let tumour: AucTumour | undefined;
  let subtype: AucSubtype | undefined;
  const akFocal = /actinic keratosis|\bAK\b/i.test(subtypeText);
  switch (cancerType) {
    case 'bcc':
      tumour = 'bcc';
      if (aggressiveFlag || AGGRESSIVE_BCC.test(subtypeText)) subtype = 'aggressive';
      else if (/nodular/i.test(subtypeText)) subtype = 'nodular';
      else if (/superficial/i.test(subtypeText)) subtype = 'superficial';
      break;
    case 'cutaneous_scc':
      // "Invasive SCC arising in actinic keratosis" is invasive SCC; only "AK with focal SCC" is the AK class.
      // ("Actinic keratosis, hypertrophic type, with focal SCC in situ" is the same class.)
      tumour = /(?:actinic keratosis|\bAK\b)(?:,? (?:\w+ ){0,2}type,?)? (?:with|w\/) focal/i.test(subtypeText)
        ? 'ak_sccis'
        : 'scc';
      if (aggressiveFlag || AGGRESSIVE_SCC.test(subtypeText) || mine.some((c) => (c.breslowMm ?? 0) >= 2))
        subtype = 'aggressive';
      else if (/keratoacanthoma|\bka[- ]type/i.test(subtypeText)) subtype = 'ka_type';
      else if (/verrucous/i.test(subtypeText)) subtype = 'verrucous';
      else if (explicitlyNot || /(?:well|moderately)[- ]differentiated|non-?aggressive/i.test(subtypeText))
        subtype = 'non_aggressive';
      break;
    case 'scc_in_situ':
      tumour = akFocal ? 'ak_sccis' : 'sccis';
      break;
    case 'melanoma_in_situ':
      tumour = 'lm_mis';
      break;
    default:
      tumour = undefined;
  }
  if (subtypePending || (aggressiveOpen && subtype !== 'aggressive')) subtype = undefined;
  // "Histologic subtype of the lesion as a whole cannot be determined (transected shave)": the pathology's word
  // outranks a subtype told from a phone call, a letter or the clinical look, until a newer pathology states one.
  const indeterminateOn = newestDate(
    ctx.facts.filter(
      (f) => f.kind === 'cancer' && f.cancerType === cancerType && SUBTYPE_INDETERMINATE.test(f.source.text),
    ),
  );
  const pathologyAfter = mine.some(
    (c) =>
      c.subtype !== undefined &&
      (c.source.reference.startsWith('DiagnosticReport/') || c.source.section === 'pathology') &&
      !SUBTYPE_INDETERMINATE.test(c.source.text) &&
      (c.date ?? '') > indeterminateOn,
  );
  if (indeterminateOn !== '' && !pathologyAfter && subtype !== 'aggressive') subtype = undefined;

  // A recurrence the record also doubts ("possibly recurrent at prior tx site", the patient unsure what was treated)
  // is not settled by a clinician's bare "Dx: recurrent BCC": pathology, the prior treatment's records or its scar
  // settle it.
  const doubted = ctx.facts.some(
    (f) =>
      f.kind === 'cancer' &&
      f.cancerType === cancerType &&
      f.primary === 'recurrent' &&
      (f.assertion === 'uncertain' || f.assertion === 'hypothetical') &&
      sameLesion(f, f.anatomicSite),
  );
  // "Hx of recurrent BCC (L shoulder …)" beside a new tumour of the chest: when the recurrences the record places
  // are all at another part, and none at the treated one, its recurrences are that part's tumour.
  const toldRecurrent = mine.filter((c) => c.primary === 'recurrent');
  // Told as history too ("hx of RECURRENT BCC (L shoulder …)"): where the record places its recurrences.
  const placed = ctx.facts
    .filter(
      (f): f is CancerFact =>
        f.kind === 'cancer' &&
        f.cancerType === cancerType &&
        f.primary === 'recurrent' &&
        (f.assertion === 'affirmed' || f.assertion === 'historical'),
    )
    .map((c) => partsOf(`${c.anatomicSite ?? ''} ${c.source.text}`));
  const treatedParts = partsOf(treated ?? '');
  const elsewhere =
    treatedParts.size > 0 &&
    placed.some((p) => p.size > 0) &&
    placed.every((p) => p.size === 0 || ![...p].some((part) => treatedParts.has(part)));
  // "BCC R lateral thigh tx w/ ED&C 3/2024" when the tumour treated now is on the left thigh: every earlier tumour
  // the record places by side is on the other side, so this one is no recurrence of it.
  const firstMine = mine.flatMap((c) => (c.date ? [c.date] : [])).sort()[0] ?? '';
  const earlier = ctx.facts.filter(
    (f): f is CancerFact =>
      f.kind === 'cancer' &&
      f.cancerType === cancerType &&
      (f.assertion === 'historical' || (f.assertion === 'affirmed' && (f.date ?? '') < firstMine)) &&
      (sideOf(f.anatomicSite ?? '') ?? sideOf(f.source.text)) !== undefined,
  );
  const earlierElsewhere =
    treated !== undefined &&
    sideOf(treated) !== undefined &&
    toldRecurrent.length > 0 &&
    earlier.length > 0 &&
    earlier.every((c) => otherLesion(c.anatomicSite ?? c.source.text, c.source.text, treated));
  const recurrent = elsewhere || earlierElsewhere ? [] : toldRecurrent;
  // …nor does "treated with ED&C on 01/15/2025 … current tumor arises at the edge of that scar" anywhere in the record.
  const settled =
    !doubted ||
    recurrent.some(
      (c) => /^(?:DiagnosticReport|Procedure)\//.test(c.source.reference) || RECURRENCE_BASIS.test(c.source.text),
    ) ||
    ctx.facts.some(
      (f) => f.kind === 'cancer' && f.cancerType === cancerType && DATED_PRIOR_TREATMENT.test(f.source.text),
    );
  // "Primary vs recurrent: UNDETERMINED": a question the record leaves open, which the order's word does not close
  // unless pathology, records or a scar settle the recurrence.
  const statusOpen =
    ctx.facts.some((f) => STATUS_OPEN.test(f.source.text) && sameLesion(f)) &&
    !recurrent.some(
      (c) => /^(?:DiagnosticReport|Procedure)\//.test(c.source.reference) || RECURRENCE_BASIS.test(c.source.text),
    );
  let status: AucStatus | undefined = statusOpen
    ? undefined
    : recurrent.length > 0 && settled
      ? 'recurrent'
      : mine.some((c) => c.primary === 'primary') || earlierElsewhere
        ? 'primary'
        : undefined;
  if (earlierElsewhere && !statusOpen) evidence.push(...earlier.map(citation));
  if (statusOpen) evidence.push(...ctx.facts.filter((f) => STATUS_OPEN.test(f.source.text)).map(citation));
  else if (status === undefined && !elsewhere && /\brecurren(?:t|ce)\b/.test(ctx.order.reasonText)) {
    status = 'recurrent';
    evidence.push(orderCitation(ctx, 'Order: recurrent tumour'));
  } else if (status === undefined && /\bprimary\b|\bde novo\b|\bpreviously untreated\b/.test(ctx.order.reasonText)) {
    status = 'primary';
    evidence.push(orderCitation(ctx, 'Order: primary tumour'));
  }

  // A size measured months before this tumour was first recorded ("Pre-op size 1.3 cm" in last year's operative note
  // for another lesion) is another lesion's.
  const firstSeen = mine.flatMap((c) => (c.date ? [c.date] : [])).sort()[0];
  const sinceSeen = (f: Fact): boolean =>
    firstSeen === undefined || f.date === undefined || f.date >= addDays(firstSeen, -SIZE_BEFORE_DAYS);
  // "Lesion B: primary SCC in situ, Area L, 1.4 cm" sizes the SCC in situ, not the BCC the order treats.
  const ofAnotherCancer = (f: Fact): boolean => {
    const named = ctx.facts.filter((c) => c.kind === 'cancer' && sameSentence(c, f));
    return named.length > 0 && named.every((c) => c.kind === 'cancer' && c.cancerType !== cancerType);
  };
  const sizes: { cm: number; fact: Fact }[] = [
    ...mine.flatMap((c) => (c.sizeCm !== undefined ? [{ cm: c.sizeCm, fact: c }] : [])),
    ...ctx.facts
      .filter(
        (f): f is MeasurementFact =>
          f.kind === 'measurement' &&
          f.assertion === 'affirmed' &&
          f.name === 'lesion_size_cm' &&
          sameLesion(f, f.site) &&
          sinceSeen(f) &&
          !ofAnotherCancer(f),
      )
      .map((f) => ({ cm: f.value, fact: f })),
  ].sort((a, b) => byDate(a.fact, b.fact));
  const size = sizes.at(-1);
  if (size) evidence.push(citation(size.fact));

  const risks = ctx.facts.filter(
    (f) =>
      (f.kind === 'risk_factor' && (f.factor === 'immunocompromised' || f.factor === 'organ_transplant')) ||
      (f.kind === 'red_flag' && f.flag === 'immunosuppression'),
  );
  const affirmedRisk = risks.filter((f) => f.assertion === 'affirmed');
  const negatedRisk = risks.filter((f) => f.assertion === 'negated');
  // A cause of immunosuppression under work-up ("MBL vs early CLL", records pending) leaves the status open: the
  // denial of other causes ("no transplant, no HIV") does not make the patient healthy.
  const undecided = risks.some(
    (f) => f.assertion === 'uncertain' || (f.assertion === 'hypothetical' && STATUS_QUESTIONED.test(f.source.text)),
  );
  // An affirmation that a newer note only questions ("refer Mohs given ?immunosuppression", "if immunosuppressed …,
  // if on hydroxychloroquine alone …") is the older visit's word: the newest clinician has left the status open.
  const affirmedOn = newestDate(affirmedRisk);
  const questionedLater = risks.filter(
    (f) =>
      (f.assertion === 'uncertain' || (f.assertion === 'hypothetical' && STATUS_QUESTIONED.test(f.source.text))) &&
      affirmedOn !== '' &&
      (f.date ?? '') > affirmedOn,
  );
  const affirmed = questionedLater.length === 0 && affirmedRisk.length > 0;
  const immune: AucImmune | undefined = affirmed
    ? 'immunocompromised'
    : negatedRisk.length > 0 && !undecided && questionedLater.length === 0
      ? 'healthy'
      : undefined;
  evidence.push(
    ...(affirmed ? affirmedRisk : questionedLater.length > 0 ? questionedLater : negatedRisk).map(citation),
  );

  const special = (factor: 'prior_radiation' | 'genetic_syndrome'): Fact[] =>
    ctx.facts.filter((f) => f.kind === 'risk_factor' && f.factor === factor && f.assertion === 'affirmed');
  // "Lesion L scapular back, not in irradiated skin": a statement about this lesion's skin, newer than the
  // history of radiation, outranks it.
  const notIrradiated = ctx.facts.filter(
    (f) => f.kind === 'risk_factor' && f.factor === 'prior_radiation' && f.assertion === 'negated',
  );
  const latestDenial = newestDate(notIrradiated);
  // "Whether this site lay inside the radiation field is not yet established": the question stays open until a
  // newer statement settles it.
  const fieldOpen = newestDate(
    ctx.facts.filter((f) => f.kind === 'risk_factor' && f.factor === 'prior_radiation' && f.assertion === 'uncertain'),
  );
  // A denial in the very sentence that tells of the radiation wins: "radiation to the pelvis only - the shoulder was
  // never irradiated".
  const deniedAlongside = (f: Fact): boolean => notIrradiated.some((n) => sameSentence(n, f));
  const radiationStated = mayHaveIrradiatedAny(special('prior_radiation'), site).filter(
    (f) => (latestDenial === '' || (f.date ?? '') >= latestDenial) && !deniedAlongside(f),
  );
  const radiation = radiationStated.filter((f) => fieldOpen === '' || (f.date ?? '') > fieldOpen);
  const radiationOpen = radiation.length === 0 && radiationStated.length > 0;
  const syndrome = special('genetic_syndrome');
  evidence.push(...[...radiation, ...syndrome].map(citation));

  return {
    ...(cancerType ? { cancerType } : {}),
    ...(tumour ? { tumour } : {}),
    ...(subtype ? { subtype } : {}),
    ...(status ? { status } : {}),
    ...(size ? { sizeCm: size.cm } : {}),
    ...(site ? { site } : {}),
    ...(immune ? { immune } : {}),
    priorRadiation: radiation.length > 0,
    ...(radiationOpen ? { radiationOpen: true } : {}),
    geneticSyndrome: syndrome.length > 0,
    // Proven by a biopsy read after the last word that its final report is still awaited.
    biopsyProven: mine.some((c) => c.biopsyProven === true && (pendingOn === '' || (c.date ?? '') > pendingOn)),
    evidence,
  };
}

type Dimension = 'area' | 'subtype' | 'status' | 'immune' | 'size';

const ASK: Readonly<Record<Dimension, string>> = {
  area: 'the precise anatomic site of the lesion (e.g. nasal ala, cheek, pretibial leg, upper back) to assign the AUC area',
  subtype:
    'the histologic subtype from the biopsy pathology (e.g. nodular, superficial, infiltrative; for SCC the differentiation and depth)',
  status: 'whether the tumour is primary or recurrent',
  immune:
    "the patient's immune status (organ transplant, HIV, haematologic malignancy, immunosuppressive drugs — or that there is none)",
  size: 'the clinical diameter of the lesion in cm, measured before surgery',
};

const TUMOUR_LABEL: Readonly<Record<AucTumour, string>> = {
  bcc: 'BCC',
  scc: 'SCC',
  sccis: 'SCC in situ',
  lm_mis: 'lentigo maligna / melanoma in situ',
  ak_sccis: 'actinic keratosis with focal SCC in situ',
};

export function describeProfile(p: LesionProfile): string {
  const parts = [
    p.site
      ? `site ${p.site.site}${p.site.area ? ` (Area ${p.site.area})` : ' (area not settled)'}`
      : 'site not documented',
    `${p.status ?? 'primary/recurrent not stated'} ${p.subtype ? `${p.subtype.replace('_', '-')} ` : ''}${p.tumour ? TUMOUR_LABEL[p.tumour] : (p.cancerType ?? 'no tumour documented')}`,
    p.sizeCm !== undefined ? `${p.sizeCm} cm (${SIZE_LABEL[sizeBand(p.sizeCm)]})` : 'size not documented',
    p.immune ?? 'immune status not stated',
    ...(p.priorRadiation ? ['previously irradiated skin'] : []),
    ...(p.geneticSyndrome ? ['genetic syndrome'] : []),
  ];
  return parts.join('; ');
}

export type MohsAucRule = Type.Static<typeof MohsAucSettings>;

/** The AUC rating of the lesion; unknown (with the dimensions to document) when the rating depends on what is missing. */
export function mohsAucRule(rule: MohsAucRule, ctx: RuleContext): RuleResult {
  const p = lesionProfile(ctx);
  const summary = describeProfile(p);
  if (p.cancerType === undefined) {
    return {
      status: 'unknown',
      evidence: p.evidence,
      reason: 'no biopsy-proven skin cancer on record',
      request: `Document the biopsy pathology (tumour type and histologic subtype), and ${ASK.area}, ${ASK.size}, ${ASK.status} and ${ASK.immune}`,
    };
  }
  if (!p.biopsyProven) {
    return {
      status: 'unknown',
      evidence: p.evidence,
      reason: `no pathology of the treated lesion is on record: a clinical diagnosis or a pending biopsy (${summary})`,
      request: 'Attach the biopsy pathology of the lesion to be treated (tumour type and histologic subtype)',
    };
  }
  if (p.tumour === undefined) {
    return {
      status: 'unknown',
      evidence: p.evidence,
      reason: `the AUC scenarios encoded here do not rate ${p.cancerType.replace(/_/g, ' ')} (${summary})`,
      request: 'Document why Mohs surgery is needed for this tumour (the encoded AUC scenarios do not rate it)',
    };
  }
  const accepted = (r: AucRating | undefined): 'yes' | 'no' | 'unrated' =>
    r === undefined ? 'unrated' : rule.accept.includes(r) ? 'yes' : 'no';
  if (p.tumour === 'bcc' && (p.priorRadiation || p.geneticSyndrome)) {
    const verdict = accepted('appropriate');
    return {
      status: verdict === 'yes' ? 'met' : 'not_met',
      evidence: p.evidence,
      reason: `appropriate for BCC at any site, size or subtype in ${p.priorRadiation ? 'previously irradiated skin' : 'a patient with a genetic syndrome'} (${summary})`,
    };
  }
  const dims: Record<Dimension, readonly (string | undefined)[]> = {
    area: p.site?.area ? [p.site.area] : (p.site?.areas ?? AUC_AREAS),
    subtype: AUC_SUBTYPES[p.tumour] ? (p.subtype ? [p.subtype] : (AUC_SUBTYPES[p.tumour] ?? [])) : [undefined],
    status: p.status ? [p.status] : AUC_STATUSES,
    immune: p.immune ? [p.immune] : AUC_IMMUNE,
    size: p.sizeCm !== undefined ? [sizeBand(p.sizeCm)] : AUC_SIZES,
  };
  const combos: {
    scenario: Record<Dimension, string | undefined>;
    verdict: 'yes' | 'no' | 'unrated';
    rating?: AucRating;
  }[] = [];
  for (const area of dims.area)
    for (const subtype of dims.subtype)
      for (const status of dims.status)
        for (const immune of dims.immune)
          for (const size of dims.size) {
            const scenario = { area, subtype, status, immune, size };
            const rating = aucRating({
              area: area as AucArea,
              tumour: p.tumour,
              ...(subtype ? { subtype: subtype as AucSubtype } : {}),
              status: status as AucStatus,
              immune: immune as AucImmune,
              size: size as AucScenario['size'],
            });
            combos.push({ scenario, verdict: accepted(rating), ...(rating ? { rating } : {}) });
          }
  const verdicts = new Set(combos.map((c) => c.verdict));
  const ratings = [...new Set(combos.map((c) => c.rating ?? 'not rated'))];
  if (verdicts.size === 1 && verdicts.has('yes')) {
    return { status: 'met', evidence: p.evidence, reason: `AUC ${ratings.join('/')}: ${summary}` };
  }
  if (verdicts.size === 1 && verdicts.has('no') && p.radiationOpen === true && p.tumour === 'bcc') {
    return {
      status: 'unknown',
      evidence: p.evidence,
      reason: `AUC ${ratings.join('/')} unless the tumour lies in previously irradiated skin, which the record leaves open: ${summary}`,
      request:
        'Document whether the tumour lies within the radiation field (e.g. the radiation oncology field records)',
    };
  }
  if (verdicts.size === 1 && verdicts.has('no')) {
    return { status: 'not_met', evidence: p.evidence, reason: `AUC ${ratings.join('/')}: ${summary}` };
  }
  if (verdicts.size === 1 && verdicts.has('unrated')) {
    return {
      status: 'unknown',
      evidence: p.evidence,
      reason: `the encoded AUC table does not rate this scenario: ${summary}`,
      request: 'Document why Mohs surgery is needed for this tumour (the encoded AUC scenarios do not rate it)',
    };
  }
  // Which missing dimensions change the answer: vary one, hold the others.
  const missing = (Object.keys(dims) as Dimension[]).filter((d) => {
    if (dims[d].length <= 1) return false;
    const groups = new Map<string, Set<string>>();
    for (const c of combos) {
      const key = (Object.keys(dims) as Dimension[])
        .filter((o) => o !== d)
        .map((o) => c.scenario[o] ?? '')
        .join('|');
      const set = groups.get(key) ?? new Set<string>();
      set.add(c.verdict);
      groups.set(key, set);
    }
    return [...groups.values()].some((set) => set.size > 1);
  });
  const asks = (
    missing.length > 0 ? missing : (Object.keys(dims) as Dimension[]).filter((d) => dims[d].length > 1)
  ).map((d) => ASK[d]);
  return {
    status: 'unknown',
    evidence: p.evidence,
    reason: `the AUC rating depends on what is not documented (${missing.join(', ') || 'several features'}): ${summary}`,
    request: `Document ${asks.join('; ')}`,
  };
}

export type LesionAreaRule = Type.Static<typeof LesionAreaSettings>;

export function lesionAreaRule(rule: LesionAreaRule, ctx: RuleContext): RuleResult {
  const p = lesionProfile(ctx);
  if (!p.site) return { status: 'unknown', evidence: [], request: `Document ${ASK.area}` };
  const evidence = p.evidence;
  const candidates = p.site.areas ?? [];
  const first = candidates[0];
  if (
    !p.site.area &&
    first !== undefined &&
    candidates.every((a) => rule.areas.includes(a) === rule.areas.includes(first))
  ) {
    return {
      status: rule.areas.includes(first) ? 'met' : 'not_met',
      evidence,
      reason: `${p.site.site}: AUC Area ${candidates.join(' or ')}`,
    };
  }
  if (!p.site.area) {
    return {
      status: 'unknown',
      evidence,
      reason: `"${p.site.site}" does not settle the AUC area`,
      request: `Document ${ASK.area}`,
    };
  }
  return {
    status: rule.areas.includes(p.site.area) ? 'met' : 'not_met',
    evidence,
    reason: `${p.site.site}: AUC Area ${p.site.area}`,
  };
}

const FAMILY_OF_CODE: Readonly<Record<string, MohsCptFamily>> = {
  '17311': 'head_neck_hands_feet_genitalia',
  '17312': 'head_neck_hands_feet_genitalia',
  '17313': 'trunk_arms_legs',
  '17314': 'trunk_arms_legs',
};
const FAMILY_LABEL: Readonly<Record<MohsCptFamily, string>> = {
  head_neck_hands_feet_genitalia: 'head, neck, hands, feet, genitalia',
  trunk_arms_legs: 'trunk, arms, legs',
};
const DEEP = /\b(?:muscle|cartilage|bone|tendon|major nerves?|nerve|vessels?|periosteum|perichondrium)\b/;

/**
 * The billed CPT site family against the documented site. The CPT families are not the AUC areas: cheek, forehead
 * and scalp bill 17311 but are Area M; a pretibial lesion bills 17313 but is Area M. The reason says both.
 */
export function mohsCodeSiteRule(ctx: RuleContext): RuleResult {
  const code = orderServiceCode(ctx);
  const family = code ? FAMILY_OF_CODE[code] : undefined;
  if (!code || !family) {
    return {
      status: 'met',
      evidence: [],
      reason: code === '17315' ? '17315 (additional blocks) applies at any site' : 'not a site-specific Mohs code',
    };
  }
  const p = lesionProfile(ctx);
  if (!p.site) return { status: 'unknown', evidence: [], request: `Document ${ASK.area}` };
  const areaNote = p.site.area
    ? `; the site is AUC Area ${p.site.area} (the CPT family does not set the AUC area)`
    : '';
  const evidence = [orderCitation(ctx, `Order: CPT ${code}`), ...p.evidence];
  if (!p.site.cptFamily) {
    return {
      status: 'unknown',
      evidence,
      reason: `"${p.site.site}" does not settle the CPT site family`,
      request: `Document ${ASK.area}`,
    };
  }
  if (p.site.cptFamily === family) {
    return {
      status: 'met',
      evidence,
      reason: `CPT ${code} (${FAMILY_LABEL[family]}) matches the site ${p.site.site}${areaNote}`,
    };
  }
  if (family === 'head_neck_hands_feet_genitalia' && DEEP.test(ctx.order.reasonText)) {
    return {
      status: 'met',
      evidence,
      reason: `CPT ${code} at ${p.site.site}: surgery involving deep structures (muscle, cartilage, bone, tendon, major nerves or vessels) is stated${areaNote}`,
    };
  }
  const right = family === 'head_neck_hands_feet_genitalia' ? '17313/17314' : '17311/17312';
  return {
    status: 'not_met',
    evidence,
    request: `Correct the Mohs code to ${right} for the documented site (${p.site.site})${family === 'head_neck_hands_feet_genitalia' ? ', or document involvement of muscle, cartilage, bone, tendon, major nerves or vessels' : ''}, or correct the documented site`,
    reason: `CPT ${code} is for ${FAMILY_LABEL[family]}, but the documented site (${p.site.site}) is ${FAMILY_LABEL[p.site.cptFamily]}: bill ${right}${family === 'head_neck_hands_feet_genitalia' ? ', or document involvement of muscle, cartilage, bone, tendon, major nerves or vessels' : ''}${areaNote}`,
  };
}
