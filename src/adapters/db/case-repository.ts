// CaseRepository on PostgreSQL (embedded PGlite or server), through Kysely. Every query is scoped by organization.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Coverage, Patient } from '@medplum/fhirtypes';
import type {
  CaseEvent,
  CaseRepository,
  CaseSummary,
  DocumentationReceived,
  Redetermination,
  NewCase,
  StoredCase,
} from '../../app/case-repository.ts';
import { assertCancellable, statusAfterDetermination } from '../../core/case/index.ts';
import type { Determination } from '../../core/determination/index.ts';
import { referenceOf } from '../../core/fhir/index.ts';
import { changeCase, lockCase, NotFoundError, type LockedCase } from './case-events.ts';
import type { Database } from './schema.ts';
import { checkDuplicate } from './duplicate-cases.ts';
import { patientColumns } from './queue-columns.ts';

const json = (value: unknown): string => JSON.stringify(value);
const iso = (value: Date | string): string =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString();

export class PostgresCaseRepository implements CaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: NewCase): Promise<StoredCase> {
    const caseId = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('organizations')
        .values({ id: input.organizationId, name: input.organizationId })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const patientId = await upsertPatient(tx, input.organizationId, input.patient);
      const { duplicateOf } = await checkDuplicate(tx, input, patientId);
      const coverageId = input.coverage ? randomUUID() : null;
      if (input.coverage) await insertCoverage(tx, coverageId ?? '', input, patientId, input.coverage);
      const orderId = randomUUID();
      const d = input.determination;
      await tx
        .insertInto('orders')
        .values({
          id: orderId,
          organization_id: input.organizationId,
          patient_id: patientId,
          coverage_id: coverageId,
          resource_type: input.order.resourceType,
          code_system: d.order.system,
          code: d.order.code,
          display: d.order.display,
          resource: json(input.order),
        })
        .execute();
      await tx
        .insertInto('cases')
        .values({
          id: caseId,
          organization_id: input.organizationId,
          patient_id: patientId,
          order_id: orderId,
          coverage_id: coverageId,
          status: input.status,
          ...determinationColumns(d),
          ...patientColumns(demographics(input.patient), input.patient),
        })
        .execute();
      await tx
        .insertInto('case_documents')
        .values({
          case_id: caseId,
          organization_id: input.organizationId,
          kind: 'intake-bundle',
          content: json(input.bundle),
        })
        .execute();
      await tx
        .insertInto('case_events')
        .values([
          {
            case_id: caseId,
            organization_id: input.organizationId,
            seq: 1,
            type: 'case.created',
            actor: input.actor,
            payload: json({
              order: referenceOf(input.order),
              status: input.status,
              ...(duplicateOf ? { duplicateOf } : {}),
            }),
          },
          {
            case_id: caseId,
            organization_id: input.organizationId,
            seq: 2,
            type: 'determination.made',
            actor: 'klivira',
            payload: json(determinationSummary(d)),
          },
        ])
        .execute();
    });
    const stored = await this.get(input.organizationId, caseId);
    if (!stored) throw new Error(`case ${caseId} vanished after commit`);
    return stored;
  }

  async get(organizationId: string, caseId: string): Promise<StoredCase | undefined> {
    const row = await this.db
      .selectFrom('cases')
      .select([
        'id',
        'organization_id',
        'status',
        'result',
        'created_at',
        'updated_at',
        'patient_name',
        'patient_birth_date',
        'patient_mrn',
      ])
      .where('organization_id', '=', organizationId)
      .where('id', '=', caseId)
      .executeTakeFirst();
    if (!row) return undefined;
    const events = await this.db
      .selectFrom('case_events')
      .select(['seq', 'type', 'actor', 'at', 'payload'])
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    return {
      caseId: row.id,
      organizationId: row.organization_id,
      patient: { name: row.patient_name, birthDate: row.patient_birth_date, mrn: row.patient_mrn },
      status: row.status,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      determination: { ...(row.result as Determination), caseId: row.id },
      events: events.map((e): CaseEvent => ({
        seq: e.seq,
        type: e.type,
        actor: e.actor,
        at: iso(e.at),
        payload: e.payload,
      })),
    };
  }

  async list(
    organizationId: string,
    options: { limit: number; before?: { createdAt: string; caseId: string } },
  ): Promise<CaseSummary[]> {
    let query = this.db
      .selectFrom('cases')
      .select(['id', 'status', 'result', 'created_at'])
      .where('organization_id', '=', organizationId);
    // Keyset on created_at (kept to the millisecond, what the cursor carries), then id: no case repeats or goes
    // missing between pages, and the (organization_id, created_at desc, id) index serves it.
    const created = 'created_at' as const;
    const before = options.before;
    if (before) {
      const at = new Date(before.createdAt);
      query = query.where((eb) =>
        eb.or([eb(created, '<', at), eb.and([eb(created, '=', at), eb('id', '<', before.caseId)])]),
      );
    }
    const rows = await query.orderBy(created, 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map((row) => {
      const d = row.result as Determination;
      return {
        caseId: row.id,
        status: row.status,
        determination: d.determination,
        paRequired: d.paRequired,
        order: d.order,
        payer: d.payer,
        createdAt: iso(row.created_at),
      };
    });
  }

  async hasBundle(organizationId: string, bundleId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('case_documents')
      .select('case_id')
      .where('organization_id', '=', organizationId)
      .where('kind', '=', 'intake-bundle')
      .where(sql<string>`content->>'id'`, '=', bundleId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async documents(organizationId: string, caseId: string, kind: string): Promise<unknown[]> {
    const rows = await this.db
      .selectFrom('case_documents')
      .select('content')
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .where('kind', '=', kind)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.content);
  }

  /**
   * A new determination for a stored case, after documentation arrived (stored with a `documentation.received`
   * event) or on request (new evidence, a new policy version): one transaction, the status decided under the lock.
   */
  async recordDetermination(input: Redetermination | DocumentationReceived): Promise<StoredCase | undefined> {
    const { organizationId, caseId, determination: d } = input;
    const found = await this.changeLocked(organizationId, caseId, async (tx, locked) => {
      const status = statusAfterDetermination(locked.status, d);
      if ('received' in input) {
        await tx
          .insertInto('case_documents')
          .values({ case_id: caseId, organization_id: organizationId, kind: input.kind, content: json(input.content) })
          .execute();
        await changeCase(tx, locked, { type: 'documentation.received', actor: input.actor, payload: input.received });
      }
      await tx.updateTable('cases').set(determinationColumns(d)).where('id', '=', caseId).execute();
      await changeCase(tx, locked, {
        type: 'determination.made',
        actor: 'klivira',
        payload: {
          ...determinationSummary(d),
          ...('reason' in input ? { reason: input.reason, requestedBy: input.actor } : {}),
        },
        to: status,
      });
    });
    return found ? this.get(organizationId, caseId) : undefined;
  }

  async cancel(organizationId: string, caseId: string, reason: string, actor: string): Promise<StoredCase | undefined> {
    const found = await this.changeLocked(organizationId, caseId, async (tx, locked) => {
      assertCancellable(locked.status);
      await changeCase(tx, locked, { type: 'case.cancelled', actor, payload: { reason }, to: 'cancelled' });
    });
    return found ? this.get(organizationId, caseId) : undefined;
  }

  /** Runs a change of one case under its lock; false when the organization has no such case. */
  private changeLocked(
    organizationId: string,
    caseId: string,
    change: (tx: Transaction<Database>, locked: LockedCase) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      let locked: LockedCase;
      try {
        locked = await lockCase(tx, caseId, organizationId);
      } catch (error) {
        if (error instanceof NotFoundError) return false;
        throw error;
      }
      await change(tx, locked);
      return true;
    });
  }

  async intakeBundle(organizationId: string, caseId: string) {
    const row = await this.db
      .selectFrom('case_documents')
      .select('content')
      .where('organization_id', '=', organizationId)
      .where('case_id', '=', caseId)
      .where('kind', '=', 'intake-bundle')
      .executeTakeFirst();
    return row?.content as NewCase['bundle'] | undefined;
  }
}

/** The case columns that follow its latest determination (what the queue filters and sorts on, and the result). */
export const determinationColumns = (d: Determination) => ({
  determination: d.determination,
  pa_required: String(d.paRequired),
  policy_id: d.policy?.id ?? null,
  policy_version: d.policy?.version ?? null,
  as_of: d.asOf,
  result: json(d),
});

/** What a `determination.made` event records: the outcome and the policy version it was made against. */
export function determinationSummary(d: Determination) {
  return {
    determination: d.determination,
    paRequired: d.paRequired,
    policy: d.policy ? `${d.policy.id}@${d.policy.version}` : null,
    asOf: d.asOf,
  };
}

function patientKey(patient: Patient): string {
  const identifier = patient.identifier?.find((i) => i.value);
  return identifier ? `${identifier.system ?? ''}|${identifier.value ?? ''}` : referenceOf(patient);
}

function demographics(patient: Patient): { name?: string; birthDate?: string; gender?: string } {
  const name = patient.name?.[0];
  const text = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  return {
    ...(text ? { name: text } : {}),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.gender ? { gender: patient.gender } : {}),
  };
}

/** One row per patient per organization; a new intake refreshes the demographics snapshot. */
async function upsertPatient(tx: Transaction<Database>, organizationId: string, patient: Patient): Promise<string> {
  const row = await tx
    .insertInto('patients')
    .values({
      id: randomUUID(),
      organization_id: organizationId,
      patient_key: patientKey(patient),
      demographics: json(demographics(patient)),
    })
    .onConflict((oc) =>
      oc.columns(['organization_id', 'patient_key']).doUpdateSet((eb) => ({
        demographics: eb.ref('excluded.demographics'),
        updated_at: new Date(),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertCoverage(
  tx: Transaction<Database>,
  id: string,
  input: NewCase,
  patientId: string,
  coverage: Coverage,
): Promise<void> {
  const payer = input.determination.payer;
  await tx
    .insertInto('coverages')
    .values({
      id,
      organization_id: input.organizationId,
      patient_id: patientId,
      payer_id: payer.id === 'unknown' ? null : payer.id,
      payer_name: payer.name,
      line_of_business: payer.lineOfBusiness,
      member_id: coverage.subscriberId ?? null,
      resource: json(coverage),
    })
    .execute();
}
