// `klivira pas build|read`: the Da Vinci PAS mapping from the command line.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import { offlineService } from '../runtime.ts';
import { pasRequestInputFromIntake, buildPasRequest, readPasResponse } from '../../core/pas/index.ts';
import { requesterOf } from '../../core/submission/index.ts';
import type { CliIo } from './main.ts';

export function pasBuild(bundle: unknown, config: Config, io: CliIo): number {
  const { intake, determination } = offlineService(config).check(bundle);
  const parties = requesterOf(intake, config.practice);
  const requester = parties.role ?? parties.organization;
  const request = buildPasRequest(
    pasRequestInputFromIntake(intake, determination, {
      submission: {
        id: randomUUID(),
        system: `urn:trnorg:${config.originatorId}`,
        timestamp: new Date().toISOString(),
      },
      fullUrlBase: `http://${config.host}:${String(config.port)}/fhir`,
      service: { placeOfService: '11', urgency: intake.order.priority === 'urgent' ? 'urgent' : 'routine' },
      transmission: { interchangeSenderID: config.senderId, interchangeReceiverID: 'PAYER' },
      ...(config.practice ? { practice: config.practice } : {}),
      ...(requester ? { requester } : {}),
    }),
  );
  io.out(`${JSON.stringify(request, null, 2)}\n`);
  return 0;
}

export function pasRead(response: unknown, json: boolean, io: CliIo): number {
  const decision = readPasResponse(response);
  if (json) {
    io.out(`${JSON.stringify(decision, null, 2)}\n`);
    return 0;
  }
  io.out(`outcome ${decision.outcome}${decision.processing ? ` (processing ${decision.processing})` : ''}\n`);
  for (const item of decision.items) {
    io.out(
      `  item ${String(item.itemSequence)}: ${item.reviewActionCode || '-'} ${item.action}` +
        (item.authorizationNumber ? ` auth ${item.authorizationNumber}` : '') +
        (item.administrationReferenceNumber ? ` pending ref ${item.administrationReferenceNumber}` : '') +
        `${item.reasonCodes.length ? ` reasons ${item.reasonCodes.join(',')}` : ''}\n`,
    );
  }
  for (const error of decision.errors)
    io.out(
      `  error ${error.code}${error.followupAction ? ` follow-up ${error.followupAction}` : ''}${error.element ? ` at ${error.element}` : ''}\n`,
    );
  for (const note of decision.notes) io.out(`  note: ${note}\n`);
  for (const warning of decision.warnings) io.out(`  ! ${warning}\n`);
  return 0;
}
