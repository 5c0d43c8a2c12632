// The policy file format. Policies are data (one reviewed YAML file per payer × service family), validated against
// this schema when loaded. One TypeBox definition gives both the JSON Schema and the TypeScript types.
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { RuleSchema } from './rules/index.ts';
import { Str, Strings } from './rules/settings.ts';

export type { Rule } from './rules/index.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const LINES_OF_BUSINESS = [
  'commercial',
  'medicare_advantage',
  'original_medicare',
  'medicaid_managed_care',
  'medicaid_ffs',
  'exchange',
] as const;
const LineOfBusiness = Type.Enum(LINES_OF_BUSINESS);

/** A criterion: a leaf with a rule, a group (all / any / at least n of), or the negation of one criterion. */
const CriterionNode = Type.Cyclic(
  {
    Criterion: Type.Object(
      {
        id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }),
        text: Str,
        /** What to ask the clinician for when the record is silent on this criterion. */
        request: Type.Optional(Str),
        /** Exactly one rule kind's key and its settings (rules/index.ts lists the kinds). */
        rule: Type.Optional(RuleSchema),
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

export { childCriteria } from './criteria-tree.ts';

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
