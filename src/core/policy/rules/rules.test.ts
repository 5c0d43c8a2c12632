// One conformance suite for every rule kind, run over every rule of that kind in the shipped policy library: each is
// evaluated on a record that says nothing without throwing, is described in words, and (where it takes part in a
// questionnaire) asks under its criterion's link ids and states no fact from an empty answer.
import { describe, expect, it } from 'vitest';
import type { Bundle } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../../adapters/policies/load.ts';
import { openEpisode } from '../../evidence/episode.ts';
import { childCriteria } from '../criteria-tree.ts';
import type { CriterionNode } from '../schema.ts';
import { policyErrors } from '../schema.ts';
import { describeRule, evaluateRule, kindOf, linkIds, RULE_KINDS, type KindContext, type Rule } from './index.ts';

const AS_OF = '2026-03-02';
const library = loadPolicyLibrary();

function leaves(): { policy: string; node: CriterionNode & { rule: Rule } }[] {
  const out: { policy: string; node: CriterionNode & { rule: Rule } }[] = [];
  for (const policy of library.policies) {
    const stack = [
      ...(policy.criteria ? [policy.criteria] : []),
      ...(policy.exceptions ?? []),
      ...(policy.exclusions ?? []),
    ];
    for (let node = stack.pop(); node; node = stack.pop()) {
      stack.push(...childCriteria(node));
      if (node.rule) out.push({ policy: policy.id, node: node as CriterionNode & { rule: Rule } });
    }
  }
  return out;
}

function silentRecord(): KindContext {
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: { resourceType: 'ServiceRequest', id: 'o', status: 'active', intent: 'order', subject: {} } }],
  };
  return {
    facts: [],
    bundle,
    asOf: AS_OF,
    order: { reference: 'ServiceRequest/o', modifiers: [], reasonIcd10: [], reasonText: '' },
    episode: () => ({
      episode: openEpisode({ facts: [], orderReasons: [], diagnosis: [], asOf: AS_OF, lookbackDays: 365 }),
      courses: [],
      unstated: [],
      evaluations: [],
      notCounted: [],
    }),
  };
}

describe('rule kinds', () => {
  const all = leaves();

  it('have one key each', () => {
    const keys = RULE_KINDS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reject a rule with a key no kind has, or with two keys', () => {
    const policy = library.policies[0];
    const withRule = (rule: unknown) => ({ ...policy, criteria: { id: 'x', text: 'x', rule } });
    expect(policyErrors(withRule({ astrology: { sign: 'leo' } })).length).toBeGreaterThan(0);
    expect(policyErrors(withRule({ age: { minYears: 18 }, condition: { icd10: ['L40'] } })).length).toBeGreaterThan(0);
    expect(policyErrors(withRule({ age: { minYears: 18 } }))).toEqual([]);
  });

  describe.each(RULE_KINDS.map((kind) => [kind.key, kind] as const))('%s', (key, kind) => {
    const mine = all.filter(({ node }) => kindOf(node.rule).kind.key === key);

    it('evaluates every library rule of its kind on a record that says nothing', () => {
      for (const { node } of mine) {
        const result = evaluateRule(node.rule, silentRecord());
        expect(['met', 'not_met', 'unknown']).toContain(result.status);
        // Nothing on record is nothing to cite.
        expect(result.evidence.filter((e) => e.reference !== 'ServiceRequest/o')).toEqual([]);
      }
    });

    it('describes every library rule of its kind in words', () => {
      for (const { node } of mine) {
        const text = describeRule(node.rule);
        expect(text.trim().length).toBeGreaterThan(0);
        expect(text).not.toContain('[object Object]');
      }
    });

    if (kind.questions)
      it('asks under its criterion’s link ids', () => {
        for (const { node } of mine) {
          const spec: unknown = Object.values(node.rule)[0];
          const items = kind.questions?.(spec as never, linkIds(node.id), node.text) ?? [];
          expect(items.length).toBeGreaterThan(0);
          for (const item of items) expect(item.linkId.startsWith(`${node.id}.`)).toBe(true);
        }
      });

    if (kind.answerFacts)
      it('states no fact from an empty answer', () => {
        for (const { node } of mine) {
          const spec: unknown = Object.values(node.rule)[0];
          const facts = kind.answerFacts?.(spec as never, {
            ids: linkIds(node.id),
            main: [],
            first: () => undefined,
            source: { reference: 'QuestionnaireResponse/q', text: 'answered' },
          });
          expect(facts).toEqual([]);
        }
      });
  });
});
