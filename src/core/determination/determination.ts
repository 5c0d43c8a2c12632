// The determination contract: the shape `klivira check` and `POST /api/cases` return. Later work fills in the
// intelligence behind it; the shape itself is fixed, so clients can rely on it. One TypeBox definition gives the
// TypeScript types and the JSON Schema the API publishes in its OpenAPI document.
import Type, { type Static } from 'typebox';

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DeterminationOutcomeSchema = Type.Enum([
  'meets',
  'does_not_meet',
  'insufficient_documentation',
  'not_required',
  'no_policy',
]);
export type DeterminationOutcome = Static<typeof DeterminationOutcomeSchema>;

export const CriterionStatusSchema = Type.Enum(['met', 'not_met', 'unknown']);
export type CriterionStatus = Static<typeof CriterionStatusSchema>;

/** One citation: the resource a criterion's status rests on, and for note text the quoted span and its offsets. */
export const EvidenceCitationSchema = Type.Object({
  reference: Type.String({ description: '`ResourceType/id` of the source' }),
  text: Type.String({ description: 'The quoted span or a summary of the coded element' }),
  start: Type.Optional(Type.Integer({ description: 'Offset of the span in the decoded note text' })),
  end: Type.Optional(Type.Integer()),
});
export type EvidenceCitation = Static<typeof EvidenceCitationSchema>;

export const CriterionResultSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  status: CriterionStatusSchema,
  evidence: Type.Array(EvidenceCitationSchema),
  reason: Type.Optional(Type.String({ description: 'Why the status is what it is, in plain words' })),
});
export type CriterionResult = Static<typeof CriterionResultSchema>;

export const MissingDocumentationSchema = Type.Object({
  id: Type.String({ description: 'The criterion the request is for' }),
  text: Type.String({ description: 'A request a clinician can act on' }),
});
export type MissingDocumentation = Static<typeof MissingDocumentationSchema>;

export const OrderSummarySchema = Type.Object({ system: Type.String(), code: Type.String(), display: Type.String() });
export type OrderSummary = Static<typeof OrderSummarySchema>;

export const PayerSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  lineOfBusiness: Type.String(),
});
export type PayerSummary = Static<typeof PayerSummarySchema>;

export const PolicySummarySchema = Type.Object({
  id: Type.String(),
  version: Type.String(),
  title: Type.String(),
  source: Type.String(),
});
export type PolicySummary = Static<typeof PolicySummarySchema>;

/** Coverage discovery: who reviews, through which channels, under which benefit, and when the decision is due. */
export const CoverageDiscoverySchema = Type.Object({
  reviewer: Type.Object({
    name: Type.String(),
    kind: Type.Union([Type.Literal('payer'), Type.Literal('rbm')], {
      description: 'The payer itself, or a benefit manager (e.g. eviCore, Carelon) reviewing for it',
    }),
    source: Type.Optional(Type.String({ description: 'Where the reviewer fact was read, and the date it was read' })),
  }),
  channels: Type.Array(Type.String(), {
    description: 'x12-278, pas (Da Vinci PAS over FHIR), portal, fax, phone, ncpdp-epa',
  }),
  benefit: Type.Union([Type.Literal('medical'), Type.Literal('pharmacy')]),
  deadline: Type.Optional(
    Type.Object({
      urgency: Type.Union([Type.Literal('expedited'), Type.Literal('standard')]),
      due: Type.Optional(
        Type.String({ description: 'ISO date-time the decision is due, when the receipt time is known' }),
      ),
      clock: Type.String({ description: "The rule and limit, e.g. 'CMS-0057-F 7 calendar days'" }),
      basis: Type.String({ description: 'Why this clock applies and how it is counted' }),
    }),
  ),
});
export type CoverageDiscovery = Static<typeof CoverageDiscoverySchema>;

/** How likely a denial is, and why: never a bare score. */
export const DenialRiskSchema = Type.Object({
  level: Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]),
  reasons: Type.Array(Type.String()),
});
export type DenialRiskSummary = Static<typeof DenialRiskSchema>;

export const DeterminationSchema = Type.Object({
  determination: DeterminationOutcomeSchema,
  paRequired: Type.Union([Type.Boolean(), Type.Literal('unknown')]),
  order: OrderSummarySchema,
  payer: PayerSummarySchema,
  policy: Nullable(PolicySummarySchema),
  criteria: Type.Array(CriterionResultSchema),
  missingDocumentation: Type.Array(MissingDocumentationSchema),
  warnings: Type.Array(Type.String(), {
    description: 'Non-fatal problems met on the way (unreadable notes, why no policy matched)',
  }),
  asOf: Type.String({ description: 'The evaluation date (YYYY-MM-DD)' }),
  caseId: Type.Optional(Type.String()),
  coverage: Type.Optional(CoverageDiscoverySchema),
  denialRisk: Type.Optional(DenialRiskSchema),
});
export type Determination = Static<typeof DeterminationSchema>;
