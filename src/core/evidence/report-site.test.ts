// A pathology report's sentence without a site takes the one site the report names.
import { describe, expect, it } from 'vitest';
import type { Fact } from './fact.ts';
import { inheritReportSite } from './report-site.ts';

const cancer = (reference: string, text: string, anatomicSite?: string): Fact => ({
  kind: 'cancer',
  cancerType: 'scc_in_situ',
  assertion: 'affirmed',
  ...(anatomicSite ? { anatomicSite } : {}),
  source: { reference, text },
});

describe("a report's sentences share its specimen", () => {
  it('gives a report sentence without a site the one site the report names, and nothing else', () => {
    const named = cancer('DiagnosticReport/p', 'R dorsal forearm: hypertrophic AK with focal SCC in situ.', 'forearm');
    const bare = cancer(
      'DiagnosticReport/p',
      'HYPERTROPHIC ACTINIC KERATOSIS WITH FOCAL SQUAMOUS CELL CARCINOMA IN SITU.',
    );
    const note = cancer('DocumentReference/n', 'SCC in situ, biopsy pending.');
    const [, inherited, untouched] = inheritReportSite([named, bare, note]);
    expect(inherited).toMatchObject({ anatomicSite: 'forearm' });
    expect(untouched).not.toHaveProperty('anatomicSite');
    // Two sites in one report: which one the sentence is about is not known.
    const other = cancer('DiagnosticReport/p', 'Left cheek: SCC in situ.', 'cheek');
    expect(inheritReportSite([named, other, bare])[2]).not.toHaveProperty('anatomicSite');
  });
});
