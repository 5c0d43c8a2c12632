// Criteria fragments spliced into a policy's lists of criteria, wherever a list may name one.
import { describe, expect, it } from 'vitest';
import { resolveFragments } from './fragments.ts';
import type { CriterionNode } from './schema.ts';

const shared: CriterionNode[] = [
  {
    id: 'melanoma',
    text: 'The cancer is melanoma',
    rule: { fact: { kind: 'cancer', where: { cancerType: ['melanoma'] } } },
  },
  { id: 'staged', text: 'A stage is documented', rule: { fact: { kind: 'cancer', where: { stage: ['III'] } } } },
];
const fragments = new Map([['shared', shared]]);
const ref = { fragment: 'shared' };

describe('resolveFragments', () => {
  it('splices a fragment in place in exclusions, all, any, atLeast.of and under not', () => {
    const { data, errors } = resolveFragments(
      {
        id: 'p',
        exclusions: [ref, { id: 'own', text: 'Own', rule: { fhirpath: 'true' } }],
        criteria: {
          id: 'root',
          text: 'Root',
          all: [
            { id: 'g', text: 'G', any: [ref] },
            { id: 'n', text: 'N', not: { id: 'k', text: 'K', atLeast: { n: 1, of: [ref] } } },
          ],
        },
      },
      fragments,
    );
    expect(errors).toEqual([]);
    expect(data).toEqual({
      id: 'p',
      exclusions: [...shared, { id: 'own', text: 'Own', rule: { fhirpath: 'true' } }],
      criteria: {
        id: 'root',
        text: 'Root',
        all: [
          { id: 'g', text: 'G', any: shared },
          { id: 'n', text: 'N', not: { id: 'k', text: 'K', atLeast: { n: 1, of: shared } } },
        ],
      },
    });
  });

  it('gives each policy its own copy', () => {
    const { data } = resolveFragments({ criteria: { id: 'r', text: 'R', all: [ref] } }, fragments);
    const spliced = (data as { criteria: { all: CriterionNode[] } }).criteria.all;
    expect(spliced[0]).toEqual(shared[0]);
    expect(spliced[0]).not.toBe(shared[0]);
  });

  it('names an unknown fragment with its place in the policy', () => {
    const { errors } = resolveFragments({ criteria: { id: 'r', text: 'R', any: [{ fragment: 'nope' }] } }, fragments);
    expect(errors).toEqual(['/criteria/any/0: no criteria fragment "nope" in policies/fragments']);
  });
});
