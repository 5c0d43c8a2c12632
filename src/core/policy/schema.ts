// The policy file format. Policies are data (one reviewed YAML file per payer × service family), validated against
// this schema when loaded. One TypeBox definition gives both the JSON Schema and the TypeScript types.
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { BODY_PARTS } from '../evidence/fact.ts';

const Str = Type.String({ minLength: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Strings = Type.Array(Str, { minItems: 1 });

export const LINES_OF_BUSINESS = [
  'commercial',
  'medicare_advantage',
  'original_medicare',
  'medicaid_managed_care',
  'medicaid_ffs',
  'exchange',
] as const;
const LineOfBusiness = Type.Enum(LINES_OF_BUSINESS);

/** A numeric field's allowed range (inclusive): `{ min: 2 }` is "2 or more". */
const Range = Type.Object(
  { min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) },
  { additionalProperties: false, minProperties: 1 },
);

/**
 * How long before the evaluation date the fact must be dated, in days (inclusive): `{ max: 365 }` is "within the
 * past year", `{ min: 28 }` "at least four weeks ago". Conditions are dated by their onset.
 */
const DaysBefore = Type.Object(
  { min: Type.Optional(Type.Integer({ minimum: 0 })), max: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false, minProperties: 1 },
);

/** Matches facts of one kind whose fields equal (or are one of, or lie in the range of) the given values. */
const FactRule = Type.Object(
  {
    kind: Str,
    where: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String()), Range]),
      ),
    ),
    daysBefore: Type.Optional(DaysBefore),
    /**
     * Body parts the fact must be about (`[back]` for a spine study): a fact that states another part (a head injury)
     * does not count; one that states none still does.
     */
    bodySites: Type.Optional(Type.Array(Type.Enum(BODY_PARTS), { minItems: 1 })),
    /**
     * Values of a fact that state the opposite (`{ trend: [improving, resolved] }` against "symptoms
     * persist"): such a fact, newer than any match, makes the criterion not met rather than unknown. The fact is of
     * the rule's kind unless a `kind` entry names another (`{ kind: [symptom_course], trend: [resolved] }`). A list
     * gives alternatives, any of which contradicts (`[{ riskGroup: [high] }, { nodalStatus: [positive] }]`).
     */
    contradictedBy: Type.Optional(
      Type.Union([
        Type.Record(Type.String(), Type.Array(Type.String(), { minItems: 1 })),
        Type.Array(Type.Record(Type.String(), Type.Array(Type.String(), { minItems: 1 })), { minItems: 1 }),
      ]),
    ),
    /** Met when the record states such a fact either way, present or absent ("an examination is documented"). */
    documented: Type.Optional(Type.Boolean()),
    /** Met also by a fact the record raises without establishing it, where the criterion asks for a suspected or
     * proven one ("suspected or proven recurrence"). */
    suspected: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const MEASURES = ['bsa_percent', 'easi', 'iga', 'pasi', 'dlqi', 'lesion_size_cm', 'pain_score', 'odi', 'ldh'] as const;
const OUTCOMES = ['failed', 'intolerance', 'contraindicated', 'completed', 'ongoing', 'improved'] as const;
const BODY_REGIONS = [
  'face',
  'scalp',
  'neck',
  'hands',
  'feet',
  'nails',
  'genitals',
  'intertriginous',
  'trunk',
  'arms',
  'legs',
] as const;

/** A rule object with a single key whose value has the given properties. */
function rule<K extends string, P extends Type.TProperties>(key: K, properties: P) {
  return Type.Object(
    { [key]: Type.Object(properties, { additionalProperties: false }) } as { [k in K]: Type.TObject<P> },
    { additionalProperties: false },
  );
}

/**
 * The fact conditions a leaf criterion can use. Exactly one key per rule. Affirmed matching facts make the leaf met,
 * negated ones make it not met, and silence leaves it unknown — absence of evidence is not evidence of absence.
 */
const Rule = Type.Union([
  Type.Object(
    {
      condition: Type.Object(
        {
          icd10: Strings,
          daysBefore: Type.Optional(DaysBefore),
          /**
           * For a contraindication: therapy modalities whose course the record states was tolerated. With no such
           * condition coded, the drug taken and tolerated answers "contraindicated?" no, rather than leaving it open.
           */
          unlessTolerated: Type.Optional(Strings),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ fact: FactRule }, { additionalProperties: false }),
  Type.Object(
    {
      therapy: Type.Object(
        {
          modalities: Strings,
          minWeeks: Type.Number({ minimum: 0 }),
          providerDirected: Type.Optional(Type.Boolean()),
          /**
           * How many days before the request a course still belongs to the current episode (default 365, see
           * evidence/episode.ts); a course also counts only from the index condition's onset, and only when it is
           * for that condition or states no reason. Visits are judged against the same episode.
           */
          episodeDays: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      treatmentCompleted: Type.Object({ modalities: Strings }, { additionalProperties: false }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      priorScans: Type.Object(
        {
          modalities: Strings,
          strategy: Type.Union([Type.Literal('initial'), Type.Literal('subsequent')]),
          max: Type.Integer({ minimum: 0 }),
          /** Therapy modalities whose completion ends the initial strategy (scans after it are subsequent). */
          initialTherapy: Strings,
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      order: Type.Object(
        {
          modifier: Type.Optional(Str),
          otherModifiers: Type.Optional(Strings),
          reasonIcd10: Type.Optional(Strings),
          reasonText: Type.Optional(Strings),
          /** Stated purposes of the scan (evidence/scan-purpose.ts), read from the order and the plan naming it. */
          purpose: Type.Optional(
            Type.Array(
              Type.Union([
                Type.Literal('surveillance'),
                Type.Literal('regional_nodes'),
                Type.Literal('treatment_decision'),
              ]),
            ),
          ),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ fhirpath: Str }, { additionalProperties: false }),
  // A clinical measure against a range: met inside it, not_met when the latest measure is outside, unknown when none.
  rule('measurement', {
    name: Type.Enum(MEASURES),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    withinDays: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  rule('age', {
    minYears: Type.Optional(Type.Number({ minimum: 0 })),
    maxYears: Type.Optional(Type.Number({ minimum: 0 })),
    minMonths: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  // A Condition of the disease stated at one of the body regions (crucial / difficult areas).
  rule('involvedSite', {
    regions: Type.Array(Type.Enum(BODY_REGIONS), { minItems: 1 }),
    icd10: Type.Optional(Strings),
  }),
  // Step therapy: `count` distinct modalities (or agents) tried with a qualifying outcome; a failure needs `minWeeks`.
  rule('stepTherapy', {
    modalities: Type.Optional(Strings),
    agents: Type.Optional(Strings),
    excludeAgents: Type.Optional(Strings),
    /** Topical corticosteroids below this potency do not count; one of unknown potency is undetermined. */
    minPotency: Type.Optional(Type.Enum(['low', 'medium', 'high', 'super_high'])),
    minWeeks: Type.Optional(Type.Number({ minimum: 0 })),
    count: Type.Optional(Type.Integer({ minimum: 1 })),
    distinct: Type.Optional(Type.Union([Type.Literal('modality'), Type.Literal('agent')])),
    outcomes: Type.Optional(Type.Array(Type.Enum(OUTCOMES), { minItems: 1 })),
    withinMonths: Type.Optional(Type.Number({ minimum: 1 })),
    includeOrderedAgent: Type.Optional(Type.Boolean()),
    /** Phrases in the order's reason that state none of these agents was tried (e.g. "biologic-naive"). */
    noneTriedWhenOrderSays: Type.Optional(Strings),
    /** Only courses for these conditions count (ICD-10-CM prefixes); a course whose stated reasons name only other
     * conditions does not ("dupilumab for atopic dermatitis" is no prior biologic for psoriasis). */
    forIcd10: Type.Optional(Strings),
    /** The policy asks for each drug with its dates: a trial with no date on record is not yet documented. */
    datesRequired: Type.Optional(Type.Boolean()),
  }),
  // Already on the requested drug (the reauthorization branch), for at least `minWeeks`; samples optionally excluded.
  rule('onTherapy', {
    agents: Type.Optional(Strings),
    minWeeks: Type.Optional(Type.Number({ minimum: 0 })),
    excludeSamples: Type.Optional(Type.Boolean()),
  }),
  // A documented response: a score lower than before the drug was started (by `minImprovementPercent`), or a stated one.
  rule('response', {
    measures: Type.Array(Type.Enum(MEASURES), { minItems: 1 }),
    minImprovementPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    agents: Type.Optional(Strings),
  }),
  // Another drug of these modalities still under way alongside the requested one.
  rule('concurrentTherapy', { modalities: Strings }),
  // The order's maintenance interval is shorter than the label's (days): dosed more often than the label allows.
  rule('doseInterval', { minDays: Type.Integer({ minimum: 1 }) }),
  rule('prescriber', { specialties: Strings, consultation: Type.Optional(Type.Boolean()) }),
  // The 2012 Mohs AUC rating of the lesion, met when it is one of `accept`.
  rule('mohsAuc', { accept: Type.Array(Type.Enum(['appropriate', 'uncertain', 'inappropriate']), { minItems: 1 }) }),
  rule('lesionArea', { areas: Type.Array(Type.Enum(['H', 'M', 'L']), { minItems: 1 }) }),
  // The billed Mohs CPT site family (17311/17312 vs 17313/17314) against the documented site.
  rule('mohsCodeSite', {}),
  // A contrast variant of a study against the indications for contrast (contrast-rules.ts).
  rule('contrastIndication', {
    plainCpt: Str,
    contrastCpt: Strings,
    flags: Strings,
    icd10: Type.Optional(Strings),
    modalities: Type.Optional(Strings),
  }),
]);
export type Rule = Static<typeof Rule>;

/** A criterion: a leaf with a rule, a group (all / any / at least n of), or the negation of one criterion. */
const CriterionNode = Type.Cyclic(
  {
    Criterion: Type.Object(
      {
        id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
        text: Str,
        /** What to ask the clinician for when the record is silent on this criterion. */
        request: Type.Optional(Str),
        rule: Type.Optional(Rule),
        all: Type.Optional(Type.Array(Type.Ref('Criterion'), { minItems: 1 })),
        any: Type.Optional(Type.Array(Type.Ref('Criterion'), { minItems: 1 })),
        atLeast: Type.Optional(
          Type.Object(
            { n: Type.Integer({ minimum: 1 }), of: Type.Array(Type.Ref('Criterion'), { minItems: 1 }) },
            { additionalProperties: false },
          ),
        ),
        /** Met when the criterion is not met, not met when it is met, unknown while it is unknown. */
        not: Type.Optional(Type.Ref('Criterion')),
        /** Ids of exceptions that, when met, satisfy this criterion (e.g. red flags waive conservative care). */
        waivedBy: Type.Optional(Strings),
        /**
         * For an `any` of alternative pathways (a payer's "one of A, B or C"): when one pathway is contradicted and the
         * record gives no sign at all of the others (no evidence either way), the request is not on them, and the
         * group is not met rather than left open. A pathway the record raises, however faintly, keeps it open.
         */
        unraisedAlternatives: Type.Optional(Type.Literal('not_met')),
      },
      { additionalProperties: false },
    ),
  },
  'Criterion',
);
export type CriterionNode = Static<typeof CriterionNode>;

/** The criteria a group or negation is made of (none for a leaf). */
export function childCriteria(node: CriterionNode): CriterionNode[] {
  return [...(node.all ?? []), ...(node.any ?? []), ...(node.atLeast?.of ?? []), ...(node.not ? [node.not] : [])];
}

export const PolicySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    version: Str,
    title: Str,
    /** `payer` policies name payers; `guideline` policies are national fallbacks (NCD/LCD, ACR, NCCN-style, AUC). */
    kind: Type.Union([Type.Literal('payer'), Type.Literal('guideline')]),
    /** The service family (e.g. `psoriasis-biologics`): a payer's policy for the family also governs the family's
     * drugs and codes it does not list by name (with a warning); the family's members are those its policies list. */
    family: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' })),
    effective: IsoDate,
    expires: Type.Optional(IsoDate),
    appliesTo: Type.Object(
      {
        payers: Type.Optional(Strings),
        linesOfBusiness: Type.Optional(Type.Array(LineOfBusiness, { minItems: 1 })),
      },
      { additionalProperties: false },
    ),
    codes: Type.Object(
      {
        cpt: Type.Optional(Strings),
        hcpcs: Type.Optional(Strings),
        rxnorm: Type.Optional(Strings),
        /** Drug ingredient words matched in the order's display when the exact RxNorm code is not listed. */
        ingredients: Type.Optional(Strings),
      },
      { additionalProperties: false },
    ),
    priorAuth: Type.Union([Type.Literal('required'), Type.Literal('not_required'), Type.Literal('unknown')]),
    reviewer: Type.Optional(Str),
    source: Type.Object(
      {
        name: Str,
        number: Type.Optional(Str),
        revised: Type.Optional(IsoDate),
        url: Str,
        note: Type.Optional(Str),
      },
      { additionalProperties: false },
    ),
    exceptions: Type.Optional(Type.Array(CriterionNode)),
    exclusions: Type.Optional(Type.Array(CriterionNode)),
    /** Absent when the payer has no criteria for the service at all (then the answer is `not_required`). */
    criteria: Type.Optional(CriterionNode),
    denialThemes: Type.Optional(Strings),
  },
  { additionalProperties: false },
);
export type Policy = Static<typeof PolicySchema>;

const compiled = Compile(PolicySchema);

/** Validates parsed policy data; returns readable errors with JSON pointers (empty when valid). */
export function policyErrors(data: unknown): string[] {
  if (compiled.Check(data)) return [];
  return [...compiled.Errors(data)]
    .filter((error) => error.keyword !== 'boolean')
    .map((error) => `${error.instancePath || '/'}: ${error.message}`);
}

export function isPolicy(data: unknown): data is Policy {
  return compiled.Check(data);
}

/** A file of criteria fragments (policies/fragments/): lists of criteria several policies share, each named by id. A
 * policy names one with `- fragment: <id>` in a list of criteria (see fragments.ts). */
export const FragmentFileSchema = Type.Object(
  {
    fragments: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
          text: Str,
          criteria: Type.Array(CriterionNode, { minItems: 1 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type FragmentFile = Static<typeof FragmentFileSchema>;

const compiledFragments = Compile(FragmentFileSchema);

/** Validates a parsed fragment file; readable errors with JSON pointers (empty when valid). */
export function fragmentFileErrors(data: unknown): string[] {
  if (compiledFragments.Check(data)) return [];
  return [...compiledFragments.Errors(data)]
    .filter((error) => error.keyword !== 'boolean')
    .map((error) => `${error.instancePath || '/'}: ${error.message}`);
}

export function isFragmentFile(data: unknown): data is FragmentFile {
  return compiledFragments.Check(data);
}
