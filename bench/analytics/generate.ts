// Synthetic history for the analytics bench, written straight into the database (no determination, no payer):
// cases over two years with a realistic mix of payers, services, urgency, outcomes, human edits, appeals and second
// attempts, each with the case events the product would have written and its `analytics_requests` rows as the
// change path keeps them. Seeded, so every run and both storages get the same data.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/adapters/db/schema.ts';
import { Random } from '../../src/demo/prng.ts';

const PAYERS = [
  ['uhc', 'UnitedHealthcare', 'commercial', 0.24],
  ['aetna', 'Aetna', 'commercial', 0.14],
  ['cigna', 'Cigna', 'commercial', 0.1],
  ['anthem', 'Anthem', 'commercial', 0.12],
  ['humana', 'Humana', 'medicare_advantage', 0.12],
  ['kaiser', 'Kaiser Permanente', 'commercial', 0.06],
  ['bcbs', 'Blue Cross Blue Shield', 'commercial', 0.12],
  ['medicare-advantage-other', 'Medicare Advantage (other)', 'medicare_advantage', 0.1],
] as const;

/** Service code, policy, the criteria a denial most often concerns, weight, drug order. */
const SERVICES = [
  ['72148', 'lumbar-spine-mri', ['conservative-care', 're-evaluation', 'radiculopathy', 'red-flag'], 0.4, false],
  ['72149', 'lumbar-spine-mri', ['conservative-care', 'objective-neuro-finding'], 0.1, false],
  ['78815', 'pet-skin-cancer', ['treatment-strategy', 'initial-strategy', 'solid-tumor'], 0.15, false],
  ['78816', 'pet-skin-cancer', ['within-subsequent-limit', 'subsequent-strategy'], 0.1, false],
  ['17311', 'mohs', ['auc-appropriate', 'location-h-zone', 'tumor-size'], 0.15, false],
  ['J0517', 'dupilumab-atopic-dermatitis', ['topical-failure', 'severity-score', 'step-therapy'], 0.1, true],
] as const;

const HOUR = 3_600_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const SPAN = Date.parse('2026-12-01T00:00:00Z') - START;

function pick<T extends readonly unknown[]>(random: Random, items: readonly T[], weightAt: number): T {
  let draw = random.float();
  for (const item of items) {
    draw -= item[weightAt] as number;
    if (draw < 0) return item;
  }
  return items[items.length - 1] as T;
}

interface EventRow {
  case_id: string;
  seq: number;
  type: string;
  actor: string;
  payload: string;
  at: Date;
}

type RequestRow = Database['analytics_requests'] extends infer T ? { [K in keyof T]: unknown } : never;

/** Writes `count` cases into `organizationId`; returns the number of events and requests written. */
export async function generateHistory(
  db: Kysely<Database>,
  organizationId: string,
  count: number,
  seed = 57,
): Promise<{ events: number; requests: number }> {
  const random = new Random(seed);
  await db.insertInto('organizations').values({ id: organizationId, name: organizationId }).execute();
  const patients = Array.from({ length: Math.ceil(count / 5) }, () => randomUUID());
  for (let i = 0; i < patients.length; i += 2_000) {
    await db
      .insertInto('patients')
      .values(
        patients.slice(i, i + 2_000).map((id, j) => ({
          id,
          organization_id: organizationId,
          patient_key: `bench|${String(i + j)}`,
          demographics: '{}',
        })),
      )
      .execute();
  }
  let events = 0;
  let requests = 0;
  const BATCH = 1_000;
  for (let first = 0; first < count; first += BATCH) {
    const orders: Record<string, unknown>[] = [];
    const cases: Record<string, unknown>[] = [];
    const eventRows: EventRow[] = [];
    const requestRows: RequestRow[] = [];
    for (let n = first; n < Math.min(count, first + BATCH); n++) {
      const caseId = randomUUID();
      const orderId = randomUUID();
      const patientId = patients[n % patients.length] ?? '';
      const [payerId, payerName, lineOfBusiness] = pick(random, PAYERS, 3);
      const [code, policy, criteria, , drug] = pick(random, SERVICES, 3);
      const expedited = random.float() < 0.1;
      const createdAt = START + random.float() * SPAN;
      orders.push({
        id: orderId,
        organization_id: organizationId,
        patient_id: patientId,
        coverage_id: null,
        resource_type: drug ? 'MedicationRequest' : 'ServiceRequest',
        code_system: drug ? 'http://www.nlm.nih.gov/research/umls/rxnorm' : 'http://www.ama-assn.org/go/cpt',
        code,
        display: code,
        resource: '{}',
      });
      cases.push({
        id: caseId,
        organization_id: organizationId,
        patient_id: patientId,
        order_id: orderId,
        coverage_id: null,
        status: 'draft',
        determination: 'meets',
        pa_required: 'true',
        policy_id: policy,
        policy_version: '1',
        as_of: new Date(createdAt).toISOString().slice(0, 10),
        result: JSON.stringify({ payer: { id: payerId, name: payerName, lineOfBusiness }, order: { code } }),
        created_at: new Date(createdAt),
      });
      let seq = 0;
      const event = (type: string, actor: string, payload: object, at: number) => {
        eventRows.push({
          case_id: caseId,
          seq: ++seq,
          type,
          actor,
          payload: JSON.stringify(payload),
          at: new Date(at),
        });
      };
      event('case.created', 'api', { status: 'ready' }, createdAt);
      event('determination.made', 'klivira', { determination: 'meets' }, createdAt);
      let at = createdAt + random.float() * 48 * HOUR;
      const edited = random.float() < 0.45;
      if (edited) event('comment.added', 'coordinator', { text: 'called the office' }, (at += HOUR));
      // A request, its answer, and (for a denial) perhaps an appeal or a second attempt.
      let attempt = 0;
      let sendAnother = true;
      while (sendAnother && attempt < 2) {
        attempt++;
        sendAnother = false;
        const submissionId = randomUUID();
        const queuedAt = (at += random.float() * 4 * HOUR);
        const receivedAt = (at += random.float() * 60_000);
        event('submission.queued', 'api', { submissionId, attempt, to: 'submitting' }, queuedAt);
        event('submission.sending', 'worker', { submissionId }, receivedAt);
        const draw = random.float();
        const outcome =
          draw < 0.72
            ? 'approved'
            : draw < 0.76
              ? 'modified'
              : draw < 0.78
                ? 'partially_approved'
                : draw < 0.96
                  ? 'denied'
                  : null;
        const clockHours = expedited ? 72 : 7 * 24;
        // Most decisions come well within the clock; about 6 % are late.
        const hours = random.float() < 0.06 ? clockHours * (1 + random.float()) : clockHours * random.float() ** 2.5;
        const decidedAt = outcome ? receivedAt + hours * HOUR : null;
        const inDoubt =
          outcome === 'denied' || random.float() < 0.15
            ? criteria
                .filter(() => random.float() < 0.45)
                .map((id) => ({ id, status: random.float() < 0.6 ? 'not_met' : 'unknown', text: `${id} (bench)` }))
            : [];
        if (decidedAt !== null && outcome) {
          event('payer.responded', 'pas:submit', { submissionId, to: outcome }, decidedAt);
          event('deadline.set', 'klivira', { decisionDueAt: new Date(receivedAt + clockHours * HOUR) }, decidedAt);
          at = decidedAt;
        }
        requestRows.push({
          submission_id: submissionId,
          organization_id: organizationId,
          case_id: caseId,
          attempt,
          payer_id: payerId,
          payer_name: payerName,
          line_of_business: lineOfBusiness,
          service_code: code,
          drug,
          urgency: expedited ? 'expedited' : 'standard',
          policy_id: policy,
          criteria: JSON.stringify(inDoubt),
          touchless: attempt === 1 ? !edited : null,
          queued_at: new Date(queuedAt),
          received_at: new Date(receivedAt),
          decided_at: decidedAt === null ? null : new Date(decidedAt),
          outcome,
          due_at: decidedAt === null ? null : new Date(receivedAt + clockHours * HOUR),
        });
        if (outcome !== 'denied') break;
        const next = random.float();
        if (next < 0.35) {
          // Appealed: opened, filed, decided (about 80 % overturned, as in Medicare Advantage).
          const appealId = randomUUID();
          event('appeal.opened', 'coordinator', { appealId, kind: 'reconsideration' }, (at += 24 * HOUR));
          event('appeal.filed', 'coordinator', { appealId }, (at += 24 * HOUR));
          const o = random.float();
          const appealOutcome = o < 0.72 ? 'overturned' : o < 0.81 ? 'partially_overturned' : 'upheld';
          at += random.float() * 30 * 24 * HOUR;
          event('appeal.decided', 'coordinator', { appealId, outcome: appealOutcome, decidedAt: new Date(at) }, at);
        } else if (next < 0.5) {
          event('attempt.started', 'coordinator', { attempt: attempt + 1 }, (at += 24 * HOUR));
          sendAnother = true;
        }
      }
    }
    await db
      .insertInto('orders')
      .values(orders as never)
      .execute();
    await db
      .insertInto('cases')
      .values(cases as never)
      .execute();
    await sql`insert into case_events (case_id, organization_id, seq, type, actor, payload, at) values ${sql.join(
      eventRows.map(
        (e) => sql`(${e.case_id}, ${organizationId}, ${e.seq}, ${e.type}, ${e.actor}, ${e.payload}, ${e.at})`,
      ),
    )}`.execute(db);
    await db
      .insertInto('analytics_requests')
      .values(requestRows as never)
      .execute();
    events += eventRows.length;
    requests += requestRows.length;
  }
  return { events, requests };
}
