// A cancer's stage as words state it, in a note or a structured entry: the group, the TNM category (not a lower bound
// on it), a node-negative melanoma's group from its TNM, and nothing where the words leave the stage open.
import { describe, expect, it } from 'vitest';
import { stageGroupsIn, statedStaging, tnmIn } from './stated-stage.ts';

describe('the stage a structured entry states', () => {
  it('reads the group and the TNM of a problem-list entry or a pathology conclusion', () => {
    expect(statedStaging('Melanoma L calf, pT4b N0 M0, stage IIC', 'melanoma')).toEqual({
      stage: 'IIC',
      tnm: { t: 'T4b', n: 'N0', m: 'M0' },
    });
    expect(statedStaging('Residual nodular melanoma; SLN 0/2. pT4b pN0(sn).', 'melanoma')).toEqual({
      stage: 'IIC',
      tnm: { t: 'T4b', n: 'N0' },
    });
    expect(statedStaging('Cutaneous SCC, stage 2', 'cutaneous_scc')).toEqual({ stage: 'II' });
  });

  it('reads nothing where the entry leaves the stage open', () => {
    expect(statedStaging('Melanoma, clinical stage IIA pending', 'melanoma')).toEqual({});
    expect(statedStaging('Invasive melanoma 2.6 mm; ulceration indeterminate; pT3a vs pT3b.', 'melanoma')).toEqual({});
    expect(statedStaging('Malignant melanoma of other part of trunk', 'melanoma')).toEqual({});
  });
});

describe('TNM and stage groups in words', () => {
  it('passes over a lower bound on the T category', () => {
    expect(tnmIn('Breslow at least 3.2 mm (transected), at least pT3a.')).toBeUndefined();
    expect(tnmIn('at least pT3a on the shave; final pT4b N0.')).toEqual({ t: 'T4b', n: 'N0' });
  });

  it('lists the groups a statement weighs', () => {
    expect(stageGroupsIn('stage IIA vs IIB')).toEqual(['IIA', 'IIB']);
    expect(stageGroupsIn('stage IIA (T3aN0) or stage IIB')).toEqual(['IIA', 'IIB']);
  });
});
