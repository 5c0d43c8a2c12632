import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { CaseService } from '../../app/cases.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { parseX12 } from '../x12/parse.ts';
import { validateX12Text } from '../x12/validate.ts';
import { build278Request, request278Model } from '../x12/x278-build.ts';
import { parse278 } from '../x12/x278-parse.ts';
import { x12Input } from './x12-input.ts';

const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 't', today: () => '2026-11-02' });
const addressing = { senderId: 'KLIVIRA01', receiverId: 'PAYER01', usage: 'T' as const, originatorId: '1999999999' };

describe('278 requests built from the product’s own cases', () => {
  // One case of each service family the demo covers: lumbar MRI, FDG PET/CT, Mohs.
  const families = [...new Map(generateDemoCases({ seed: 4 }).map((c) => [c.scenario.split('_')[0], c])).values()];

  it.each(families.map((c) => [c.scenario, c] as const))(
    '%s: validates clean and parses back to its model',
    (_s, demo) => {
      const { intake, determination } = service.check(demo.bundle);
      const input = x12Input(
        {
          caseId: 'c',
          submissionId: '9b2f7f0e-0d7c-4f7e-9c1e-0a9f3f1c2b11',
          bundle: intake.bundle,
          intake,
          determination,
          urgency: 'routine',
          timestamp: '2026-11-02T15:00:00Z',
        },
        addressing,
        { interchange: 17, group: 17, transaction: 17 },
      );
      const text = build278Request(input);
      const report = validateX12Text(text);
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      const document = parseX12(text);
      const interchange = document.interchanges[0];
      const set = interchange?.groups[0]?.transactions[0];
      if (!interchange || !set) throw new Error('no transaction');
      expect(parse278(set, interchange.delimiters).transaction).toEqual(request278Model(input));
      expect(input.traceId).toBe('9b2f7f0e-0d7c-4f7e-9c1e-0a9f3f1c2b11');
      expect(input.event.diagnoses.length).toBeGreaterThan(0);
      expect(input.services[0]?.procedureCode).toBe(intake.orderCode.code);
      expect(input.event.attachments?.length).toBe(intake.record.notes.length);
    },
  );
});
