import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../app/cases.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { x12Input } from '../../core/submission/index.ts';
import { validateX12Text } from '../../core/x12/index.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import { dropBatch } from './x12-batch.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'klivira-drop-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const HEADER = {
  senderId: 'KLIVIRA01',
  receiverId: 'CLEARHOUSE',
  usage: 'T',
  interchangeControlNumber: 41,
  groupControlNumber: 41,
} as const;

describe('X12 batch drop', () => {
  it('writes one interchange holding every request, which validates clean, under its ISA13', () => {
    const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 't', today: () => '2026-11-02' });
    const cases = generateDemoCases({ seed: 8 }).filter(
      (c) => c.scenario.startsWith('lumbar') || c.scenario.startsWith('pet'),
    );
    const inputs = cases.map((demo, index) => {
      const { intake, determination } = service.check(demo.bundle);
      return x12Input(
        {
          caseId: demo.id,
          submissionId: `sub-${String(index)}`,
          bundle: intake.bundle,
          intake,
          determination,
          urgency: 'routine',
          timestamp: '2026-11-02T15:00:00Z',
        },
        { senderId: 'KLIVIRA01', receiverId: 'CLEARHOUSE', usage: 'T', originatorId: '1999999999' },
        { interchange: 41, group: 41, transaction: 1000 + index },
      );
    });
    const file = dropBatch(dir, HEADER, inputs, new Date('2026-11-02T15:00:00Z'));
    expect(path.basename(file)).toBe('000000041.x12');
    expect(readdirSync(dir)).toEqual(['000000041.x12']);
    const report = validateX12Text(readFileSync(file));
    expect(report.errorCount).toBe(0);
    expect(report.transactionCount).toBe(inputs.length);
    expect(report.transactions.map((t) => t.transaction.bht.referenceId)).toEqual(inputs.map((i) => i.traceId));
    // A control number is never reused: a second drop with the same ISA13 is refused.
    expect(() => dropBatch(dir, HEADER, inputs, new Date())).toThrow();
  });
});
