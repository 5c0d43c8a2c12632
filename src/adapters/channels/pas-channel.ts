// The Da Vinci PAS submission channel: `$submit`, `$inquire` and cancel (a Claim update with certification type 3)
// against a payer's FHIR endpoint, with the product's PAS mapping on both sides.
import type { Bundle } from '@medplum/fhirtypes';
import {
  ChannelError,
  type ChannelDecision,
  type InformationAnswer,
  type SubmissionChannel,
  type SubmissionRequest,
} from '../../core/channel/index.ts';
import { InvalidInputError, type Issue } from '../../core/fhir/index.ts';
import {
  checkPasBundle,
  pasRequestInputFromIntake,
  classifyHttpFailure,
  buildPasRequest,
  type TransmissionIdentifiers,
  buildPasInquiry,
  PasResponseError,
  readPasInquiryResult,
  readPasResponse,
  buildPasCancel,
  buildPasInformationAnswer,
  readRequestedInformation,
} from '../../core/pas/index.ts';
import type { PasDecision } from '../../core/pas/index.ts';
import { requesterOf } from '../../core/submission/index.ts';
import type { PracticeIdentity } from '../../core/submission/index.ts';
import { exchange, type HttpAnswer } from './http.ts';
import type { BearerTokens } from './oauth-client.ts';

export interface PasChannelConfig {
  /** The payer's FHIR base, e.g. `https://payer.example/fhir`. */
  baseUrl: string;
  /** Bearer tokens for the payer's endpoint (OAuth 2 client credentials); none: unauthenticated. */
  auth?: BearerTokens;
  timeoutMs: number;
  /** Identifier system of our submission ids. */
  submissionSystem: string;
  /** Base of the fullUrls of the resources we send. */
  fullUrlBase: string;
  transmission?: TransmissionIdentifiers;
  /** The practice's own identity, for records that name the ordering clinician only as a Practitioner. */
  practice?: PracticeIdentity;
}

export class PasChannel implements SubmissionChannel {
  readonly name = 'pas' as const;

  constructor(private readonly config: PasChannelConfig) {}

  async submit(request: SubmissionRequest): Promise<ChannelDecision> {
    const answer = await this.post('Claim/$submit', this.requestBundle(request));
    return this.decision(request, answer);
  }

  async inquire(request: SubmissionRequest): Promise<ChannelDecision | undefined> {
    // A PAS Claim Inquiry (query by example, its own identifier); of the authorizations the payer returns, ours is
    // the one whose response echoes our submission id.
    const inquiry = buildPasInquiry(this.requestBundle(request), {
      id: `${request.submissionId}-inquiry`,
      system: this.config.submissionSystem,
      timestamp: request.timestamp,
    });
    const body = await this.post('Claim/$inquire', inquiry);
    let results;
    try {
      results = readPasInquiryResult(JSON.parse(body));
    } catch (error) {
      if (error instanceof PasResponseError || error instanceof SyntaxError) {
        throw new ChannelError('malformed_response', `unreadable $inquire answer: ${error.message}`);
      }
      throw error;
    }
    const ours = results.find(
      (d) => d.responseIdentifier === request.submissionId || d.request === request.submissionId,
    );
    return ours ? this.toDecision(request, ours, body) : undefined;
  }

  async cancel(request: SubmissionRequest): Promise<ChannelDecision> {
    const original = this.requestBundle(request);
    const cancel = buildPasCancel(original, {
      id: `${request.submissionId}-cancel`,
      system: this.config.submissionSystem,
      timestamp: request.timestamp,
    });
    return this.decision(request, await this.post('Claim/$submit', cancel));
  }

  /**
   * Sends the documents the payer asked for as a Claim update of the pended Claim (its own identifier, the answer id:
   * a resend is recognised), checked like every request; the payer's response to it is its decision.
   */
  async sendInformation(answer: InformationAnswer): Promise<ChannelDecision> {
    const previous = this.requestBundle(answer.original);
    let bundle: Bundle;
    try {
      bundle = buildPasInformationAnswer(
        previous,
        { id: answer.answerId, system: this.config.submissionSystem, timestamp: answer.original.timestamp },
        answer.documents,
      );
    } catch (error) {
      if (error instanceof InvalidInputError)
        throw new ChannelError('rejected', `cannot build the PAS update: ${error.message}`);
      throw error;
    }
    const issues = checkPasBundle(bundle);
    if (issues.length > 0) {
      throw new ChannelError('rejected', `the PAS update fails the PAS checks: ${issues.map(describe).join('; ')}`);
    }
    return this.decision(answer.original, await this.post('Claim/$submit', bundle));
  }

  /**
   * Creates our one rest-hook Subscription at the payer (PAS: one per sending system), filtered by our organization
   * identifier, full-resource payloads, with the webhook secret as its header. Returns the Subscription id.
   */
  async subscribe(endpoint: string, secret: string, orgIdentifier: string): Promise<string> {
    const subscription = {
      resourceType: 'Subscription',
      status: 'requested',
      reason: 'Prior authorization results for Klivira',
      criteria: 'http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic',
      _criteria: {
        extension: [
          {
            url: 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-filter-criteria',
            valueString: `orgIdentifier=${orgIdentifier}`,
          },
        ],
      },
      channel: {
        type: 'rest-hook',
        endpoint,
        payload: 'application/fhir+json',
        _payload: {
          extension: [
            {
              url: 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content',
              valueCode: 'full-resource',
            },
          ],
        },
        header: [`Authorization: Bearer ${secret}`],
      },
    };
    const answer = await this.post('Subscription', subscription);
    const created = JSON.parse(answer) as { id?: string };
    if (!created.id) throw new ChannelError('malformed_response', 'the payer created the Subscription without an id');
    return created.id;
  }

  private requestBundle(request: SubmissionRequest): Bundle {
    const { intake } = request;
    let requester;
    try {
      const parties = requesterOf(intake, this.config.practice);
      requester = parties.role ?? parties.organization;
    } catch {
      requester = undefined;
    }
    let bundle: Bundle;
    try {
      bundle = buildPasRequest(
        pasRequestInputFromIntake(intake, request.determination, {
          submission: { id: request.submissionId, system: this.config.submissionSystem, timestamp: request.timestamp },
          fullUrlBase: this.config.fullUrlBase,
          service: { placeOfService: '11', urgency: request.urgency },
          ...(this.config.transmission ? { transmission: this.config.transmission } : {}),
          ...(this.config.practice ? { practice: this.config.practice } : {}),
          ...(requester ? { requester } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof InvalidInputError)
        throw new ChannelError('rejected', `cannot build the PAS request: ${error.message}`);
      throw error;
    }
    // Never send what the payer must reject: the same request would fail again, so this is not retried.
    const issues = checkPasBundle(bundle);
    if (issues.length > 0) {
      throw new ChannelError('rejected', `the PAS request fails the PAS checks: ${issues.map(describe).join('; ')}`);
    }
    return bundle;
  }

  private toDecision(request: SubmissionRequest, decision: PasDecision, body: string): ChannelDecision {
    return {
      channel: 'pas',
      submissionId: request.submissionId,
      outcome: decision.outcome,
      items: decision.items,
      errors: decision.errors,
      notes: decision.notes,
      warnings: decision.warnings,
      raw: { contentType: 'application/fhir+json', body },
    };
  }

  private async post(operation: string, body: object): Promise<string> {
    const payload = JSON.stringify(body);
    let answer = await this.send(operation, payload);
    // An expired or revoked token: one retry with a fresh one.
    if (answer.status === 401 && this.config.auth) {
      this.config.auth.invalidate();
      answer = await this.send(operation, payload);
    }
    const text = answer.body.toString('utf8');
    if (answer.status >= 200 && answer.status < 300) return text;
    const failure = classifyHttpFailure(answer.status, text);
    if (failure.kind === 'transient')
      throw new ChannelError('unavailable', `${operation}: ${failure.reason}`, answer.status);
    throw new ChannelError('rejected', `${operation}: ${failure.reasons.join('; ')}`, answer.status);
  }

  private async send(operation: string, payload: string): Promise<HttpAnswer> {
    const token = await this.config.auth?.token();
    return exchange(
      `${this.config.baseUrl.replace(/\/$/, '')}/${operation}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/fhir+json',
          accept: 'application/fhir+json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: payload,
      },
      this.config.timeoutMs,
    );
  }

  private decision(request: SubmissionRequest, body: string): ChannelDecision {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ChannelError('malformed_response', 'the payer answered with something that is not JSON');
    }
    try {
      const requestedInformation = readRequestedInformation(parsed);
      return {
        ...this.toDecision(request, readPasResponse(parsed), body),
        ...(requestedInformation.length > 0 ? { requestedInformation } : {}),
      };
    } catch (error) {
      if (error instanceof PasResponseError) throw new ChannelError('malformed_response', error.message);
      throw error;
    }
  }
}

function describe(issue: Issue): string {
  return issue.location ? `${issue.message} (${issue.location})` : issue.message;
}
