// Both submission channels pointed at a running payer simulator, as the submission tests assemble them: PAS over
// FHIR and the X12 278 over CORE SOAP, with control numbers from the test database.
import type { AddressInfo } from 'node:net';
import { PasChannel } from '../adapters/channels/pas-channel.ts';
import { X12CoreChannel } from '../adapters/channels/x12-core-channel.ts';
import { nextControlNumbers } from '../adapters/db/control-numbers.ts';
import type { OpenDatabase } from '../adapters/db/database.ts';
import type { Simulator } from '../sim/server.ts';

export function simulatorChannels(
  simulator: Simulator,
  database: OpenDatabase,
  timeoutMs: number,
): { pas: PasChannel; x12: X12CoreChannel } {
  const simBase = `http://127.0.0.1:${String((simulator.app.server.address() as AddressInfo).port)}`;
  const pas = new PasChannel({
    baseUrl: `${simBase}/fhir`,
    timeoutMs,
    submissionSystem: 'urn:trnorg:1999999999',
    fullUrlBase: 'https://klivira.test/fhir',
    transmission: { interchangeSenderID: 'KLIVIRA01', interchangeReceiverID: 'PAYERSIM' },
  });
  const x12 = new X12CoreChannel({
    url: `${simBase}/core`,
    style: 'soap',
    timeoutMs,
    addressing: { senderId: 'KLIVIRA01', receiverId: 'PAYERSIM', usage: 'T', originatorId: '1999999999' },
    controlNumbers: () => nextControlNumbers(database.db),
  });
  return { pas, x12 };
}
