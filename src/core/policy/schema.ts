// The policy file format. Policies are data (one reviewed YAML file per payer × service family), validated against
// this schema when loaded. One TypeBox definition gives both the JSON Schema and the TypeScript types.
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';

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

/** Matches facts of one kind whose fields equal (or are one of) the given values. */
const FactRule = Type.Object(
  {
    kind: Str,
    where: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String())])),
    ),
  },
  { additionalProperties: false },
);

/**
 * The fact conditions a leaf criterion can use. Exactly one key per rule. Affirmed matching facts make the leaf met,
 * negated ones make it not met, and silence leaves it unknown — absence of evidence is not evidence of absence.
 */
const Rule = Type.Union([
  Type.Object(
    { condition: Type.Object({ icd10: Strings }, { additionalProperties: false }) },
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
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ fhirpath: Str }, { additionalProperties: false }),
]);
export type Rule = Static<typeof Rule>;

/** A criterion: a leaf with a rule, or a group (all / any / at least n of). */
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
        /** Ids of exceptions that, when met, satisfy this criterion (e.g. red flags waive conservative care). */
        waivedBy: Type.Optional(Strings),
      },
      { additionalProperties: false },
    ),
  },
  'Criterion',
);
export type CriterionNode = Static<typeof CriterionNode>;

export const PolicySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
    version: Str,
    title: Str,
    /** `payer` policies name payers; `guideline` policies are national fallbacks (NCD/LCD, ACR, NCCN-style, AUC). */
    kind: Type.Union([Type.Literal('payer'), Type.Literal('guideline')]),
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
