// Test support: a PAS answer to a payer's request for information (two documents, asked by LOINC and by X12 755),
// shared by the answer's own tests and the PAS profile validation.
import type { Bundle } from '@medplum/fhirtypes';
import { buildPasInformationAnswer, buildPasRequest } from '../core/pas/index.ts';
import { petCtInput } from './pas-cases.ts';

/** The PET/CT request, pended, answered with a therapy note (asked by LOINC) and the evidence summary (PN). */
export function informationAnswer(): Bundle {
  const original = petCtInput();
  return buildPasInformationAnswer(
    buildPasRequest(original),
    { id: 'KLV-2026-0001-A1', system: original.submission.system, timestamp: '2026-03-06T10:00:00Z' },
    [
      {
        answers: {
          code: '11506-3',
          system: 'http://loinc.org',
          description: 'Progress note',
          pwkControlNumber: 'PEND-1',
        },
        title: 'Physical therapy progress note',
        mediaType: 'text/plain',
        data: Buffer.from('Six weeks of PT, no relief.').toString('base64'),
        loinc: '11506-3',
      },
      {
        answers: {
          code: 'PN',
          system: 'https://codesystem.x12.org/005010/755',
          description: 'Physical therapy notes',
          pwkControlNumber: 'PEND-2',
        },
        title: 'Evidence summary',
        mediaType: 'text/plain',
        data: Buffer.from('[met] conservative therapy').toString('base64'),
      },
    ],
  );
}
