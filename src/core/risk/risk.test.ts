import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { parseIntake } from '../intake/intake.ts';
import { determine } from '../determination/determine.ts';
import type { CriterionResult, Determination } from '../determination/determination.ts';
import type { Fact } from '../evidence/fact.ts';
import type { Policy } from '../policy/schema.ts';
import { condition, lumbarMriCase, neuroFinding, procedure } from '../../testing/fixtures.ts';
import { assessDenialRisk, leafRuleKinds } from './risk.ts';

const library = loadPolicyLibrary();
const uhc = library.policies.find((p) => p.id === 'uhc-lumbar-spine-mri') as Policy;
const ncd = library.policies.find((p) => p.id === 'medicare-ncd-220-6-17-fdg-pet') as Policy;

const criterion = (id: string, status: CriterionResult['status'], evidence: CriterionResult['evidence'] = []) => ({
  id,
  text: `criterion ${id}`,
  status,
  evidence,
});

function determination(over: Partial<Determination>): Determination {
  return {
    determination: 'meets',
    paRequired: true,
    order: { system: 'cpt', code: '72148', display: 'MRI' },
    payer: { id: 'uhc', name: 'UnitedHealthcare', lineOfBusiness: 'commercial' },
    policy: { id: uhc.id, version: uhc.version, title: uhc.title, source: '' },
    criteria: [],
    missingDocumentation: [],
    warnings: [],
    asOf: '2026-03-02',
    ...over,
  };
}

const coded = { reference: 'Condition/c1', text: 'M54.16' };
const noted = { reference: 'DocumentReference/n1', text: 'left leg weakness', start: 10, end: 27 };
const therapy = (providerDirected: boolean): Fact => ({
  kind: 'therapy',
  modality: 'home_exercise',
  assertion: 'affirmed',
  providerDirected,
  start: '2026-01-01',
  end: '2026-02-20',
  source: { reference: 'DocumentReference/n1', text: 'Patient reports doing stretches at home' },
});

describe('assessDenialRisk', () => {
  it('knows each requirement leaf and its rule kind', () => {
    const kinds = leafRuleKinds(uhc);
    expect(kinds.get('lumbar-diagnosis')).toBe('condition');
    expect(kinds.get('conservative-care')).toBe('therapy');
    expect(kinds.has('red-flag-cancer')).toBe(false);
  });

  it('is low when every requirement is met with coded evidence', () => {
    const d = determination({ criteria: [criterion('lumbar-diagnosis', 'met', [coded])] });
    expect(assessDenialRisk({ determination: d, policy: uhc, facts: [] })).toEqual({
      level: 'low',
      reasons: ['every requirement of the policy is met with cited evidence'],
    });
  });

  it('is high for does_not_meet and names each failed criterion with its reason', () => {
    const d = determination({
      determination: 'does_not_meet',
      criteria: [{ ...criterion('conservative-care', 'not_met'), reason: '2 of the required 6 weeks' }],
    });
    const risk = assessDenialRisk({ determination: d, policy: uhc, facts: [] });
    expect(risk.level).toBe('high');
    expect(risk.reasons[0]).toBe('not met: criterion conservative-care (2 of the required 6 weeks)');
  });

  it('names a met exclusion', () => {
    const d = determination({
      determination: 'does_not_meet',
      policy: { id: ncd.id, version: ncd.version, title: ncd.title, source: '' },
      criteria: [criterion('melanoma-regional-nodes', 'met')],
    });
    const risk = assessDenialRisk({ determination: d, policy: ncd, facts: [] });
    expect(risk.level).toBe('high');
    expect(risk.reasons[0]).toMatch(/^exclusion applies: An initial-strategy PET to evaluate regional lymph nodes/);
  });

  it('insufficient documentation: medium when a minor item is missing', () => {
    const d = determination({
      determination: 'insufficient_documentation',
      criteria: [criterion('re-evaluation', 'unknown')],
      missingDocumentation: [{ id: 're-evaluation', text: 'Document the follow-up visit' }],
    });
    const risk = assessDenialRisk({ determination: d, policy: uhc, facts: [] });
    expect(risk.level).toBe('medium');
    expect(risk.reasons[0]).toBe('unknown: criterion re-evaluation');
  });

  it('insufficient documentation: high when the diagnosis or the conservative trial is missing', () => {
    const d = determination({
      determination: 'insufficient_documentation',
      criteria: [criterion('conservative-care', 'unknown')],
      missingDocumentation: [{ id: 'conservative-care', text: 'Document the conservative treatment' }],
    });
    const risk = assessDenialRisk({ determination: d, policy: uhc, facts: [] });
    expect(risk.level).toBe('high');
    expect(risk.reasons[0]).toMatch(/most common denial reason/);
  });

  it('insufficient documentation: high when three or more criteria are undocumented', () => {
    const ids = ['re-evaluation', 'radicular-pain', 'objective-neuro-finding'];
    const d = determination({
      determination: 'insufficient_documentation',
      criteria: ids.map((id) => criterion(id, 'unknown')),
      missingDocumentation: ids.map((id) => ({ id, text: id })),
    });
    const risk = assessDenialRisk({ determination: d, policy: uhc, facts: [] });
    expect(risk.level).toBe('high');
    expect(risk.reasons).toContain('3 criteria are undocumented');
  });

  it('conservative care only by the patient report is high, citing the denial theme', () => {
    const d = determination({ criteria: [criterion('lumbar-diagnosis', 'met', [coded])] });
    const risk = assessDenialRisk({ determination: d, policy: uhc, facts: [therapy(false)] });
    expect(risk.level).toBe('high');
    expect(risk.reasons).toContain(
      "conservative care (home exercise) is documented only by the patient's report; the payer counts provider-directed care (denial theme: Conservative care documented only by the patient's report, or without dates)",
    );
    // Provider-directed care alongside it removes the concern.
    expect(assessDenialRisk({ determination: d, policy: uhc, facts: [therapy(false), therapy(true)] }).level).toBe(
      'low',
    );
  });

  it('evidence only from notes raises the risk when it carries most met criteria', () => {
    const d = determination({
      criteria: [criterion('objective-neuro-finding', 'met', [noted]), criterion('lumbar-diagnosis', 'met', [coded])],
    });
    const mixed = assessDenialRisk({ determination: d, policy: uhc, facts: [] });
    expect(mixed.level).toBe('low');
    expect(mixed.reasons[1]).toMatch(/rests only on note text \(DocumentReference\/n1\)/);
    const notesOnly = determination({ criteria: [criterion('objective-neuro-finding', 'met', [noted])] });
    expect(assessDenialRisk({ determination: notesOnly, policy: uhc, facts: [] }).level).toBe('medium');
  });

  it('no prior imaging is flagged where the policy names it as a denial theme', () => {
    const policy: Policy = { ...uhc, denialThemes: ['No prior imaging (x-rays) before advanced imaging'] };
    const d = determination({ criteria: [criterion('lumbar-diagnosis', 'met', [coded])] });
    const risk = assessDenialRisk({ determination: d, policy, facts: [] });
    expect(risk.level).toBe('medium');
    expect(risk.reasons).toContain(
      'no prior imaging on record (denial theme: No prior imaging (x-rays) before advanced imaging)',
    );
    const xray: Fact = {
      kind: 'imaging',
      modality: 'xray',
      assertion: 'affirmed',
      source: { reference: 'ImagingStudy/x', text: 'x' },
    };
    expect(assessDenialRisk({ determination: d, policy, facts: [xray] }).level).toBe('low');
  });

  it('surveillance without recurrence is flagged; a recurrence clears it', () => {
    const policy: Policy = { ...ncd, denialThemes: ['Routine surveillance PET without signs of recurrence'] };
    const d = determination({ policy: { id: ncd.id, version: ncd.version, title: ncd.title, source: '' } });
    const phase: Fact = {
      kind: 'treatment_phase',
      phase: 'surveillance',
      assertion: 'affirmed',
      source: { reference: 'DocumentReference/n2', text: 'in surveillance' },
    };
    const risk = assessDenialRisk({ determination: d, policy, facts: [phase] });
    expect(risk.level).toBe('high');
    expect(risk.reasons.at(-1)).toMatch(
      /surveillance with no documented recurrence.*denial theme: Routine surveillance/,
    );
    const recurrent: Fact = {
      kind: 'cancer',
      cancerType: 'melanoma',
      primary: 'recurrent',
      assertion: 'affirmed',
      source: { reference: 'Condition/c2', text: 'recurrent melanoma' },
    };
    expect(assessDenialRisk({ determination: d, policy, facts: [phase, recurrent] }).level).toBe('low');
  });

  it('a theme echoing a criterion that still decides the outcome is named; a moot one is not', () => {
    const undecided = determination({
      determination: 'insufficient_documentation',
      criteria: [criterion('objective-neuro-finding', 'unknown')],
      missingDocumentation: [{ id: 'objective-neuro-finding', text: 'Document a focused neurological examination' }],
    });
    undecided.criteria[0] = {
      ...criterion('objective-neuro-finding', 'unknown'),
      text: 'At least one objective neurological finding on examination',
    };
    expect(assessDenialRisk({ determination: undecided, policy: uhc, facts: [] }).reasons).toContain(
      "denial theme: No objective neurological finding for a radiculopathy indication ('At least one objective neurological finding on examination' is unknown)",
    );
    const moot = determination({
      criteria: [
        {
          ...criterion('objective-neuro-finding', 'unknown'),
          text: 'At least one objective neurological finding on examination',
        },
      ],
    });
    expect(assessDenialRisk({ determination: moot, policy: uhc, facts: [] })).toEqual({
      level: 'low',
      reasons: ['every requirement of the policy is met with cited evidence'],
    });
  });

  it('not_required is low and no_policy is medium, each with its reason', () => {
    expect(assessDenialRisk({ determination: determination({ determination: 'not_required' }), facts: [] }).level).toBe(
      'low',
    );
    const none = assessDenialRisk({
      determination: determination({ determination: 'no_policy', policy: null, warnings: ['no policy covers 99999'] }),
      facts: [],
    });
    expect(none).toEqual({
      level: 'medium',
      reasons: ["no policy governs this order, so the payer's criteria are unknown: no policy covers 99999"],
    });
  });
});

describe('determine() carries coverage and denial risk', () => {
  it('adds both to a UHC lumbar MRI determination without changing the rest', () => {
    const intake = parseIntake(
      lumbarMriCase([
        condition('M54.16'),
        procedure('97110', '2026-01-05', '2026-02-20'),
        neuroFinding('26544005', 'left L5'),
      ]),
    );
    const { determination: d } = determine(intake, library, {
      today: '2026-03-02',
      receivedAt: '2026-03-02T09:00:00-05:00',
    });
    expect(d.coverage).toMatchObject({
      reviewer: { name: 'UnitedHealthcare', kind: 'payer' },
      benefit: 'medical',
      deadline: {
        urgency: 'standard',
        clock: 'ERISA pre-service claim rule 15 calendar days',
        due: '2026-03-17T09:00:00-04:00',
      },
    });
    expect(d.determination).toBe('insufficient_documentation');
    expect(d.denialRisk?.reasons[0]).toMatch(/^unknown: /);
  });
});
