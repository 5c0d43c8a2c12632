// `klivira x12 parse|validate|build`: the X12 codec from the command line (`validate` checks 278 and 275 sets alike).
import { createReadStream, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import {
  summarise278Response,
  formatIssue,
  validateX12Stream,
  validateX12Text,
  build278Request,
} from '../../core/x12/index.ts';
import { x12Input } from '../../core/submission/index.ts';
import type { CliIo } from './main.ts';

export function x12Parse(file: string, json: boolean, io: CliIo): number {
  const report = validateX12Text(readFileSync(file));
  const transactions = report.transactions.map(({ transaction }) => ({
    kind: transaction.kind,
    controlNumber: transaction.controlNumber,
    traceId: transaction.bht.referenceId,
    ...(transaction.kind === 'response' ? { decisions: summarise278Response(transaction).decisions } : {}),
    transaction,
  }));
  if (json) {
    const attachments = report.attachments.map(({ transaction }) => transaction);
    io.out(`${JSON.stringify({ valid: report.valid, transactions, attachments, issues: report.issues }, null, 2)}\n`);
    return 0;
  }
  for (const t of transactions) {
    const event = t.transaction.events[0];
    io.out(`278 ${t.kind} ST02 ${t.controlNumber}  BHT03 ${t.traceId ?? '-'}\n`);
    io.out(
      `  UMO        ${t.transaction.umo?.names[0]?.nm1.lastNameOrOrganization ?? '-'} (${t.transaction.umo?.names[0]?.nm1.idCode ?? '-'})\n`,
    );
    io.out(`  requester  ${t.transaction.requester?.names[0]?.nm1.lastNameOrOrganization ?? '-'}\n`);
    io.out(`  events     ${String(t.transaction.events.length)}, services ${String(event?.services.length ?? 0)}\n`);
    for (const d of t.decisions ?? []) {
      io.out(
        `  ${d.scope} ${String(d.serviceIndex + 1)}: ${d.reviewActionCode ?? '-'} ${d.action ?? 'no decision'}${d.certificationNumber ? ` cert ${d.certificationNumber}` : ''}${d.reasonCodes.length ? ` reasons ${d.reasonCodes.join(',')}` : ''}\n`,
      );
    }
  }
  for (const { transaction } of report.attachments) {
    io.out(`275 ST02 ${transaction.controlNumber}  BGN02 ${transaction.bgn.referenceId ?? '-'}\n`);
    for (const item of transaction.attachments) {
      io.out(
        `  LX ${item.assignedNumber ?? '-'}: TRN02 ${item.trn?.attachmentControlNumber ?? '-'}  CAT ${item.cat?.categoryCode ?? '-'}/${item.cat?.formatCode ?? '-'}  BIN ${String(item.declaredLength ?? 0)} bytes\n`,
      );
    }
  }
  io.out(
    `${report.valid ? 'valid' : 'INVALID'}: ${String(report.errorCount)} errors, ${String(report.warningCount)} warnings (run 'klivira x12 validate' for details)\n`,
  );
  return 0;
}

/** Streams the file: a clearinghouse batch of any size is validated in constant memory (no model is kept). */
export async function x12Validate(file: string, io: CliIo): Promise<number> {
  const report = await validateX12Stream(createReadStream(file), { retainTransactions: false });
  for (const issue of report.issues) io.out(`${formatIssue(issue)}\n`);
  io.out(
    `${report.valid ? 'valid' : 'INVALID'}: ${String(report.transactionCount)} transaction sets, ${String(report.errorCount)} errors, ${String(report.warningCount)} warnings\n`,
  );
  return report.valid ? 0 : 2;
}

/** Builds the 278 for a bundle's order; control numbers come from the database, so none is ever reused. */
export async function x12Build(bundle: unknown, config: Config, io: CliIo): Promise<number> {
  // Loaded here, not at the top, so that `x12 validate` and `x12 parse` do not load the database and services.
  const { offlineService, startRuntime } = await import('../runtime.ts');
  const { nextControlNumbers } = await import('../db/control-numbers.ts');
  const { intake, determination } = offlineService(config).check(bundle);
  const runtime = await startRuntime(config);
  try {
    const control = await nextControlNumbers(runtime.database.db);
    const payload = build278Request(
      x12Input(
        {
          caseId: 'cli',
          submissionId: randomUUID(),
          bundle: intake.bundle,
          intake,
          determination,
          urgency: intake.order.priority === 'urgent' || intake.order.priority === 'stat' ? 'urgent' : 'routine',
          timestamp: new Date().toISOString(),
        },
        {
          senderId: config.senderId,
          receiverId: 'PAYER',
          usage: 'T',
          originatorId: config.originatorId,
          payers: runtime.library.payers,
          ...(config.practice ? { practice: config.practice } : {}),
        },
        control,
      ),
    );
    io.out(`${payload}\n`);
    return 0;
  } finally {
    await runtime.database.close();
  }
}
