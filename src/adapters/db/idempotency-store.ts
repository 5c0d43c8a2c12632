// IdempotencyStore on PostgreSQL, insert-first: the key is claimed by inserting its row before the request is
// produced, so of several concurrent requests with one key exactly one produces and the others wait for its outcome
// and replay it. A claim whose producer died (no outcome after CLAIM_TIMEOUT_MS) is taken over.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import {
  IdempotencyInProgressError,
  type IdempotencyStore,
  type IdempotentOutcome,
} from '../../app/submission-store.ts';
import type { Database } from './schema.ts';

const CLAIM_TIMEOUT_MS = 60_000;
/** How long a duplicate waits for the first request's outcome before it is told to retry. */
const WAIT_MS = 30_000;

/** Outcomes not kept for replay: they describe a passing state (a conflict, a failure), not the request's result. */
const transient = (status: number): boolean => status === 409 || status >= 500;

export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async remember(
    organizationId: string,
    key: string,
    requestHash: string,
    produce: () => Promise<{ status: number; response: unknown }>,
  ): Promise<IdempotentOutcome> {
    const giveUpAt = Date.now() + WAIT_MS;
    for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
      if (await this.claim(organizationId, key, requestHash)) return this.produceClaimed(organizationId, key, produce);
      const earlier = await this.db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'response'])
        .where('organization_id', '=', organizationId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (earlier && earlier.request_hash !== requestHash) {
        return { status: 422, response: null, replayed: true, conflict: true };
      }
      if (earlier && earlier.status !== null) {
        return { status: earlier.status, response: earlier.response, replayed: true, conflict: false };
      }
      if (Date.now() > giveUpAt) throw new IdempotencyInProgressError();
      await sleep(pause);
    }
  }

  /** Inserts the claim, or takes over one abandoned by a producer that died; true when this request now owns the key. */
  private async claim(organizationId: string, key: string, requestHash: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({ organization_id: organizationId, key, request_hash: requestHash, status: null, response: null })
      .onConflict((oc) => oc.columns(['organization_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return true;
    const takenOver = await this.db
      .updateTable('idempotency_keys')
      .set({ claimed_at: new Date() })
      .where('organization_id', '=', organizationId)
      .where('key', '=', key)
      .where('request_hash', '=', requestHash)
      .where('status', 'is', null)
      .where('claimed_at', '<', sql<Date>`now() - (${CLAIM_TIMEOUT_MS} * interval '1 millisecond')`)
      .executeTakeFirst();
    return takenOver.numUpdatedRows > 0n;
  }

  private async produceClaimed(
    organizationId: string,
    key: string,
    produce: () => Promise<{ status: number; response: unknown }>,
  ): Promise<IdempotentOutcome> {
    let produced: { status: number; response: unknown };
    try {
      produced = await produce();
    } catch (error) {
      await this.release(organizationId, key);
      throw error;
    }
    if (transient(produced.status)) {
      await this.release(organizationId, key);
    } else {
      await this.db
        .updateTable('idempotency_keys')
        .set({ status: produced.status, response: JSON.stringify(produced.response) })
        .where('organization_id', '=', organizationId)
        .where('key', '=', key)
        .execute();
    }
    return { ...produced, replayed: false, conflict: false };
  }

  /** Frees the key so that a retry produces again (the outcome was not one to replay). */
  private async release(organizationId: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('organization_id', '=', organizationId)
      .where('key', '=', key)
      .where('status', 'is', null)
      .execute();
  }
}
