// The PDF renderers: the same content renders to the same bytes (the creation date is the preparation date), the
// text is extractable, and the peer-to-peer brief stays on one page however long the record's quotes are.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildAppealPacket,
  buildPeerToPeerBrief,
  denialOf,
  type AppealCase,
} from '../../core/appeal-documents/index.ts';
import { determine } from '../../core/determination/index.ts';
import { parseIntake } from '../../core/intake/index.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import { appealPacketPdf } from './appeal-packet-pdf.ts';
import { peerToPeerBriefPdf } from './p2p-brief-pdf.ts';

const library = loadPolicyLibrary();
const dir = mkdtempSync(join(tmpdir(), 'klivira-pdf-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function deniedCase(): AppealCase {
  const demo = generateDemoCases({ seed: 5 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');
  if (!demo) throw new Error('no demo case');
  const intake = parseIntake(demo.bundle);
  const { determination } = determine(intake, library, { today: '2026-11-02' });
  const found = denialOf(
    [
      {
        type: 'payer.responded',
        at: '2026-11-02T15:00:00.000Z',
        payload: { submissionId: 'S-1', to: 'denied', items: [{ sequence: 1, action: 'not_certified', code: 'A3' }] },
      },
    ],
    [],
  );
  if (!('denial' in found)) throw new Error(found.none);
  return {
    caseId: '00000000-0000-4000-8000-000000000002',
    determination,
    policy: library.policies.find((p) => p.id === determination.policy?.id),
    denial: found.denial,
    bundle: demo.bundle,
    orderReference: `${intake.order.resourceType}/${intake.order.id ?? ''}`,
    attachments: [],
    preparedOn: '2026-11-03',
  };
}

const pdfinfo = (bytes: Buffer): string => {
  const file = join(dir, `${String(bytes.length)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
};

describe('appealPacketPdf', () => {
  it('renders the same packet to the same bytes, dated the day it is prepared', async () => {
    const packet = buildAppealPacket(deniedCase());
    const first = await appealPacketPdf(packet);
    const second = await appealPacketPdf(packet);
    expect(first.bytes.equals(second.bytes)).toBe(true);
    expect(first.pages).toBeGreaterThan(1);
    expect(pdfinfo(first.bytes)).toMatch(/CreationDate:\s+Tue Nov {2}3 00:00:00 2026 UTC/);
  });
});

describe('peerToPeerBriefPdf', () => {
  it('fits one page even when every quote in the record is long', async () => {
    const input = deniedCase();
    const long = 'persistent radiating pain down the right leg despite therapy '.repeat(12);
    const determination = {
      ...input.determination,
      criteria: input.determination.criteria.map((c) => ({
        ...c,
        evidence: c.evidence.map((e) => ({ ...e, text: `${e.text} ${long}` })),
      })),
    };
    const rendered = await peerToPeerBriefPdf((limits) => buildPeerToPeerBrief({ ...input, determination }, limits));
    expect(rendered.pages).toBe(1);
    expect(pdfinfo(rendered.bytes)).toMatch(/Pages:\s+1\n/);
  });
});
