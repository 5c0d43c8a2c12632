// One worker process of the chaos run: claims and runs submission jobs against server PostgreSQL until killed.
import { PasChannel } from '../../src/adapters/channels/pas-channel.ts';
import { PostgresCaseRepository } from '../../src/adapters/db/case-repository.ts';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { PostgresSubmissionStore } from '../../src/adapters/db/submission-store.ts';
import { SubmissionService } from '../../src/app/submissions.ts';
import { Worker } from '../../src/app/worker.ts';

const url = process.env.DATABASE_URL;
const schema = process.env.CHAOS_SCHEMA;
const payer = process.env.CHAOS_PAYER_URL;
if (!url || !schema || !payer) throw new Error('DATABASE_URL, CHAOS_SCHEMA and CHAOS_PAYER_URL are required');

const database = await openDatabase({ url, schema, poolSize: 4 });
const store = new PostgresSubmissionStore(database.db);
const pas = new PasChannel({
  baseUrl: payer,
  timeoutMs: 2000,
  submissionSystem: 'urn:trnorg:1999999999',
  fullUrlBase: 'https://klivira.test/fhir',
});
const submissions = new SubmissionService({ store, cases: new PostgresCaseRepository(database.db), channels: { pas } });
// A short lease so that a killed worker's job is taken over quickly.
const worker = new Worker(store, submissions, { pollMs: 20, leaseMs: 1500 });
worker.start();
process.send?.('ready');
