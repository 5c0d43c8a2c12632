// Pathology text: a feature the report looked for and did not find is not a finding.
import { describe, expect, it } from 'vitest';
import { pathologyCancer } from './coded.ts';
import { AGGRESSIVE_SCC, SUBTYPE_WORDS } from './codesets.ts';
import { aggressiveSubtype } from './notes/concepts.ts';
import { affirmedMatches, affirms } from './pathology-context.ts';

describe('affirmed pathology features', () => {
  it('drops the features a report lists as absent or unresolved, keeps the affirmed ones', () => {
    expect(
      affirmedMatches('BCC, superficial pattern. Negative for a morpheaform or sclerosing component.', SUBTYPE_WORDS),
    ).toEqual(['superficial']);
    expect(affirmedMatches('BCC showing micronodular and infiltrative nests.', SUBTYPE_WORDS)).toEqual([
      'micronodular',
      'infiltrative',
    ]);
    expect(affirms('SCC, moderately differentiated. Perineural invasion is not seen.', AGGRESSIVE_SCC)).toBe(false);
    expect(affirms('SCC with possible perineural involvement, recuts requested.', AGGRESSIVE_SCC)).toBe(false);
    expect(affirms('SCC, poorly differentiated, with perineural invasion.', AGGRESSIVE_SCC)).toBe(true);
    expect(
      affirms(
        'Invasive SCC. Differentiation, depth of invasion and perineural status not assessed on this specimen.',
        AGGRESSIVE_SCC,
      ),
    ).toBe(false);
  });

  it('rates a superficial BCC with no aggressive component as non-aggressive', () => {
    const bcc = pathologyCancer('Basal cell carcinoma, superficial type; without infiltrative features.');
    expect(bcc).toMatchObject({ cancerType: 'bcc', subtype: 'superficial', aggressiveSubtype: false });
    const scc = pathologyCancer('Squamous cell carcinoma, well differentiated; no perineural spread.');
    expect(scc).toMatchObject({
      cancerType: 'cutaneous_scc',
      subtype: 'well differentiated',
      aggressiveSubtype: false,
    });
    const aggressive = pathologyCancer('Basal cell carcinoma, nodular and infiltrative.');
    expect(aggressive).toMatchObject({ aggressiveSubtype: true });
  });
});

describe('aggressive classes by tumour', () => {
  it('keratotic is an aggressive BCC subtype, never an aggressive SCC', () => {
    expect(aggressiveSubtype('bcc', 'keratotic')).toBe(true);
    expect(aggressiveSubtype('cutaneous_scc', 'keratotic')).toBe(false);
    expect(aggressiveSubtype('cutaneous_scc', 'poorly differentiated')).toBe(true);
    expect(aggressiveSubtype('bcc', 'nodular')).toBe(false);
    expect(aggressiveSubtype('cutaneous_scc', 'perineural invasion')).toBe(true);
  });
});
