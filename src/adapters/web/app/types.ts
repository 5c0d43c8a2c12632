// The API's shapes as the web app reads them (the server publishes the same at /docs/json). Kept here, not
// imported from the server's core, so the browser bundle and its type check never reach Node code.

export type Outcome = 'meets' | 'does_not_meet' | 'insufficient_documentation' | 'not_required' | 'no_policy';
export type CriterionStatus = 'met' | 'not_met' | 'unknown';

export interface Citation {
  reference: string;
  text: string;
  start?: number;
  end?: number;
}

export interface CriterionResult {
  id: string;
  text: string;
  status: CriterionStatus;
  evidence: Citation[];
  reason?: string;
}

export interface Determination {
  determination: Outcome;
  paRequired: boolean | 'unknown';
  order: { system: string; code: string; display: string };
  payer: { id: string; name: string; lineOfBusiness: string };
  policy: { id: string; version: string; title: string; source: string } | null;
  criteria: CriterionResult[];
  missingDocumentation: { id: string; text: string }[];
  warnings: string[];
  asOf: string;
  coverage?: {
    reviewer: { name: string; kind: 'payer' | 'rbm' };
    channels: string[];
    benefit: 'medical' | 'pharmacy';
    deadline?: { urgency: string; due?: string; clock: string; basis: string };
  };
  denialRisk?: { level: RiskLevel; reasons: string[] };
}

export type RiskLevel = 'low' | 'medium' | 'high';

export interface CaseEvent {
  seq: number;
  type: string;
  actor: string;
  at: string;
  payload: unknown;
}

export interface StoredCase {
  caseId: string;
  patient: { name: string | null; birthDate: string | null; mrn: string | null };
  status: string;
  createdAt: string;
  updatedAt: string;
  determination: Determination;
  events: CaseEvent[];
  authorization?: { number: string; validFrom?: string | null; validTo?: string | null } | null;
  /** The attempt the case is on (1, 2, ...): a new attempt follows an adverse decision. */
  attempt?: number;
  appeals?: Appeal[];
  payerRequests?: PayerRequest[];
}

export type AppealKind = 'reconsideration' | 'appeal' | 'external_review';
export type AppealOutcome = 'overturned' | 'partially_overturned' | 'upheld';

/** An appeal with its clock (src/adapters/http/routes/appeals.ts AppealSchema). */
export interface Appeal {
  id: string;
  kind: AppealKind;
  level: number;
  lineOfBusiness: string;
  expedited: boolean;
  state: 'drafting' | 'filed' | 'decided' | 'withdrawn';
  openedAt: string;
  filingDeadline: string | null;
  filedAt: string | null;
  decisionDueAt: string | null;
  outcome: AppealOutcome | null;
  decidedAt: string | null;
  authorizationNumber: string | null;
  reason: string;
  decisionWindow: { hours: number; text: string } | null;
  sources: string[];
  unknown: string | null;
  overdue: boolean;
}

/** What a payer asked for (X12 PWK, PAS CommunicationRequest). */
export interface RequestedItem {
  code: string;
  system: string;
  description: string;
  pwkControlNumber?: string;
}

/** A payer's request for more information (src/adapters/http/routes/payer-requests.ts). */
export interface PayerRequest {
  id: string;
  requestedAt: string;
  channel: string;
  items: RequestedItem[];
  state: 'open' | 'answering' | 'answered';
  sentAt?: string;
  lastError?: string;
}

/** A criterion of the policy's tree (src/core/policy/schema.ts): a leaf with a rule, or a group. */
export interface CriterionNode {
  id: string;
  text: string;
  all?: CriterionNode[];
  any?: CriterionNode[];
  atLeast?: { n: number; of: CriterionNode[] };
  not?: CriterionNode;
}

export interface Policy {
  id: string;
  version: string;
  title: string;
  source: { name: string; number?: string; revised?: string; url: string; note?: string };
  criteria?: CriterionNode;
  exceptions?: CriterionNode[];
  exclusions?: CriterionNode[];
}

export interface Me {
  user: { id: string; name: string; email?: string; role: string; organizationId: string };
  permissions: string[];
  csrfToken: string;
}

export interface QueueItem {
  caseId: string;
  status: string;
  assignee: string | null;
  determination: Outcome;
  order: { system: string; code: string; display: string };
  payer: { id: string; name: string; lineOfBusiness: string };
  patient?: { name: string | null; birthDate: string | null; mrn: string | null };
  denialRisk?: RiskLevel | null;
  authorizationNumber?: string | null;
  missingDocumentation: number;
  decisionDueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  name: string;
  role: string;
}

export interface Note {
  reference: string;
  title?: string;
  date?: string;
  text: string;
}

export interface QuestionnaireItem {
  linkId: string;
  text?: string;
  type: string;
  required?: boolean;
  repeats?: boolean;
  answerOption?: { valueCoding?: { code?: string; display?: string; system?: string }; valueString?: string }[];
  enableWhen?: {
    question: string;
    operator: string;
    answerBoolean?: boolean;
    answerString?: string;
    answerCoding?: { code?: string };
  }[];
  enableBehavior?: 'all' | 'any';
  item?: QuestionnaireItem[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  url?: string;
  title?: string;
  item?: QuestionnaireItem[];
}

export type AnswerValue =
  | { valueBoolean: boolean }
  | { valueString: string }
  | { valueDate: string }
  | { valueDecimal: number }
  | { valueInteger: number }
  | { valueCoding: { code?: string; display?: string; system?: string } };

export interface ResponseItem {
  linkId: string;
  text?: string;
  answer?: AnswerValue[];
  item?: ResponseItem[];
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  questionnaire?: string;
  status: string;
  item?: ResponseItem[];
  [key: string]: unknown;
}
