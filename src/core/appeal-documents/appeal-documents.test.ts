// The appeal documents' content from a demo case the payer denied: the denial read from the history, the packet
// (addressee, policy, criteria with quoted and dated evidence, attestation, attachments, the draft letter) and the
// peer-to-peer brief (reasons, strongest evidence, missing documentation, talking points, the window's deadline).
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { determine } from '../determination/index.ts';
import { parseIntake } from '../intake/index.ts';
import {
  buildAppealPacket,
  buildPeerToPeerBrief,
  denialOf,
  FILL_IN,
  shorten,
  strongestEvidence,
  type AppealCase,
  type HistoryEvent,
} from './index.ts';

const library = loadPolicyLibrary();
const demos = generateDemoCases({ seed: 5 });

function appealCase(scenario: string): AppealCase {
  const demo = demos.find((c) => c.scenario === scenario);
  if (!demo) throw new Error(`no demo scenario ${scenario}`);
  const intake = parseIntake(demo.bundle);
  const { determination } = determine(intake, library, { today: '2026-11-02' });
  const policy = library.policies.find((p) => p.id === determination.policy?.id);
  const found = denialOf([denied(['71'])], []);
  if (!('denial' in found)) throw new Error(found.none);
  return {
    caseId: '00000000-0000-4000-8000-000000000001',
    determination,
    policy,
    guideline: library.policies.find((p) => p.kind === 'guideline' && p.family === policy?.family),
    denial: found.denial,
    bundle: demo.bundle,
    orderReference: `${intake.order.resourceType}/${intake.order.id ?? ''}`,
    attachments: [
      {
        documentId: '12',
        title: 'PT discharge',
        contentType: 'application/pdf',
        bytes: 2048,
        storedAt: '2026-11-01T10:00:00.000Z',
      },
    ],
    preparedOn: '2026-11-03',
  };
}

const denied = (reasonCodes: string[], to = 'denied'): HistoryEvent => ({
  type: 'payer.responded',
  at: '2026-11-02T15:00:00.000Z',
  payload: {
    submissionId: 'SUB-1',
    channel: 'pas',
    to,
    items: [{ sequence: 1, action: to === 'denied' ? 'not_certified' : 'certified', code: 'A3', reasonCodes }],
  },
});

describe('denialOf', () => {
  it('reads the last payer answer that denied, with its reason codes', () => {
    const found = denialOf([denied(['71'])], []);
    expect('denial' in found && found.denial).toMatchObject({
      status: 'denied',
      deniedAt: '2026-11-02T15:00:00.000Z',
      submissionId: 'SUB-1',
      items: [{ itemSequence: 1, reviewActionCode: 'A3', reasonCodes: ['71'], notes: [] }],
      warnings: [],
    });
  });

  it('says why there is nothing to appeal: no answer yet, or an approval', () => {
    expect(denialOf([], [])).toEqual({ none: expect.stringContaining('has not answered') as unknown });
    expect(denialOf([denied([], 'approved')], [])).toEqual({ none: expect.stringContaining('approved') as unknown });
    const replaced = [
      denied(['71']),
      { type: 'attempt.started', at: '2026-11-04T09:00:00.000Z', payload: { attempt: 2 } },
    ];
    expect(denialOf(replaced, [])).toEqual({ none: expect.stringContaining('a new attempt') as unknown });
  });

  it('keeps the codes and warns when the stored response cannot be read for its words', () => {
    const found = denialOf(
      [denied(['71'])],
      [{ contentType: 'application/fhir+json', body: '{not json', storedAt: '2026-11-02T15:00:00.000Z' }],
    );
    if (!('denial' in found)) throw new Error('expected a denial');
    expect(found.denial.items[0]?.reasonCodes).toEqual(['71']);
    expect(found.denial.warnings).toHaveLength(1);
  });
});

describe('buildAppealPacket', () => {
  const input = appealCase('lumbar_meets_radiculopathy');
  const packet = buildAppealPacket(input);

  it('is addressed to the appeals unit, with a marked placeholder when the record has no address', () => {
    expect(packet.addressee.lines.slice(0, 2)).toEqual(['Appeals Department', input.determination.payer.name]);
    expect(packet.addressee.placeholder).toBe(true);
    expect(packet.addressee.lines[2]).toContain('fill in before sending');
  });

  it('cites the policy by name, number and version, and its national guideline', () => {
    expect(packet.policy).toMatchObject({ id: input.policy?.id, version: input.policy?.version });
    expect(packet.policy?.sourceName).toBe(input.policy?.source.name);
    expect(packet.guidelines.map((g) => g.id)).toEqual([input.policy?.id, input.guideline?.id]);
  });

  it('sets out each top-level criterion in the policy words with evidence quoted from the record, dated', () => {
    const topLevel = (input.policy?.criteria?.all ?? []).map((c) => c.text);
    expect(packet.criteria.map((c) => c.text)).toEqual(topLevel);
    for (const criterion of packet.criteria) {
      expect(criterion.status).toBe('met');
      expect(criterion.evidence.length).toBeGreaterThan(0);
    }
    const quotes = input.determination.criteria.flatMap((c) => c.evidence.map((e) => e.text));
    for (const e of packet.criteria.flatMap((c) => c.evidence)) {
      expect(quotes).toContain(e.quote);
      expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('names the patient, the ordering clinician with NPI, the reason and the attachments', () => {
    expect(packet.parties.patient.name).toBeTruthy();
    expect(packet.parties.patient.memberId).toBeTruthy();
    expect(packet.parties.clinician.npi).toMatch(/^\d{10}$/);
    expect(packet.reasons).toEqual([
      { itemSequences: [1], text: 'no reason stated in words (X12 886 reason code 71)' },
    ]);
    expect(packet.attachments.map((a) => a.documentId)).toEqual(['12']);
  });

  it('drafts a letter that quotes the record and leaves nothing unmarked to invent', () => {
    expect(packet.letter).toContain(
      `Request for reconsideration of the decision on ${input.determination.order.display}`,
    );
    expect(packet.letter).toContain(input.policy?.source.name ?? 'missing');
    expect(packet.letter).toContain(packet.parties.clinician.name ?? 'missing');
    // Every criterion is argued with its strongest evidence; those decided on the notes, with a full sentence (a
    // criterion decided on the order alone, such as the study matching the indication, cites the order).
    for (const criterion of packet.criteria) {
      const lead = strongestEvidence(criterion);
      expect(packet.letter).toContain(`"${lead?.quote ?? 'missing'}"`);
    }
    const sentences = packet.criteria.filter((c) => (strongestEvidence(c)?.quote.length ?? 0) >= 40);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
  });

  it('marks the criteria the record does not meet as to be completed, with what is missing', () => {
    const unmet = buildAppealPacket(appealCase('lumbar_short_therapy'));
    const open = unmet.criteria.filter((c) => c.status !== 'met');
    expect(open.length).toBeGreaterThan(0);
    expect(open.some((c) => c.missing.length > 0)).toBe(true);
    expect(unmet.letter).toContain(FILL_IN('What the enclosed documentation shows for this criterion'));
  });
});

describe('buildPeerToPeerBrief', () => {
  it('gives the reasons, the strongest evidence per criterion, talking points from the policy and the deadline', () => {
    const input = appealCase('lumbar_meets_radiculopathy');
    const brief = buildPeerToPeerBrief({ ...input, peerToPeer: { days: 14, source: 'test payer manual' } });
    expect(brief.reasons[0]?.text).toContain('71');
    expect(brief.criteria.filter((c) => c.strongest !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(brief.talkingPoints[0]).toContain(input.policy?.source.name ?? 'missing');
    expect(brief.deadline).toEqual({
      at: '2026-11-16T15:00:00.000Z',
      source: expect.stringContaining('14 calendar days') as unknown,
    });
    // Without the payer's window the deadline is unknown, never invented.
    expect(buildPeerToPeerBrief(input).deadline.at).toBeNull();
  });

  it('bounds quotes so the brief fits a page', () => {
    const brief = buildPeerToPeerBrief(appealCase('lumbar_meets_radiculopathy'), {
      quoteChars: 50,
      criteria: 2,
      talkingPoints: 1,
      missingPerCriterion: 1,
    });
    expect(brief.criteria).toHaveLength(2);
    expect(brief.talkingPoints).toHaveLength(1);
    for (const c of brief.criteria) expect(c.strongest?.quote.length ?? 0).toBeLessThanOrEqual(50);
    expect(shorten('one two three four', 10)).toBe('one two…');
  });
});
