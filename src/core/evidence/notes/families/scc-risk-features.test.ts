// A cutaneous SCC low risk by its pathology's features, item by item, on text written for these tests.
import { describe, expect, it } from 'vitest';
import type { CancerFact, Fact } from '../../fact.ts';
import { extractNoteFacts } from '../index.ts';

const read = (text: string, reference = 'DocumentReference/n1'): Fact[] =>
  extractNoteFacts({ reference, date: '2026-09-01', contentType: 'text/plain', text });
const lowRisk = (facts: Fact[]): CancerFact[] =>
  facts.filter((f): f is CancerFact => f.kind === 'cancer' && f.riskGroup === 'low' && f.assertion === 'affirmed');

describe('cutaneous SCC low risk by its features', () => {
  it('reads a results line listing grade, no perineural invasion and clear margins', () => {
    const facts = read(
      'Results (8/25/26 excision): residual SCC, well diff, 1.3 cm, depth 2.1 mm, PNI not identified, LVI not identified, margins negative.',
    );
    expect(lowRisk(facts)).toHaveLength(1);
    expect(lowRisk(facts)[0]?.cancerType).toBe('cutaneous_scc');
  });

  it('reads a pathology report as a whole, a feature a line', () => {
    const facts = read(
      'Pathology: R dorsal forearm, excision: residual invasive squamous cell carcinoma, well differentiated. Clinical diameter 1.3 cm. Depth of invasion 2.1 mm, confined to reticular dermis. Perineural invasion not identified. Margins negative.',
      'DiagnosticReport/r1',
    );
    expect(lowRisk(facts)).toHaveLength(1);
  });

  it('reads an operative note’s neighbouring lines of one section', () => {
    const facts = read(
      'Histology (frozen sections): well-differentiated invasive SCC, depth of invasion approx 1.8 mm, confined to the reticular dermis. No perineural invasion seen. Final: TUMOR FREE after 2 stages.',
    );
    expect(lowRisk(facts)).toHaveLength(1);
  });

  it('leaves the risk open when an item is missing, high or only a plan', () => {
    // No margins.
    expect(lowRisk(read('Shave biopsy: invasive SCC, well differentiated, no PNI; transected at base.'))).toEqual([]);
    // Poorly differentiated.
    expect(lowRisk(read('Excision: SCC, poorly differentiated, no PNI, margins clear.'))).toEqual([]);
    // Two centimetres or more.
    expect(lowRisk(read('Excision: SCC 2.4 cm, well differentiated, no PNI, margins clear.'))).toEqual([]);
    // Invasion beyond the fat.
    expect(
      lowRisk(read('Excision: SCC, well differentiated, invasion into subcutaneous fat, no PNI, margins clear.')),
    ).toEqual([]);
    // A relative's tumour.
    expect(
      lowRisk(read("His brother's SCC was well differentiated with no PNI and clear margins per the family.")),
    ).toEqual([]);
    // Another cancer.
    expect(lowRisk(read('Excision: basal cell carcinoma, nodular, no PNI, margins clear.'))).toEqual([]);
  });

  it('keeps a denied deep invasion from counting as one', () => {
    const facts = read(
      'Excision: well-differentiated SCC, 1.1 cm, 1.8 mm, no invasion beyond subcutaneous fat, no PNI, margins clear.',
    );
    expect(lowRisk(facts)).toHaveLength(1);
  });
});

describe('risk groups that are not the tumour’s', () => {
  it('does not take a high-risk patient for a high-risk tumour', () => {
    const facts = read('He is a high-risk patient: this is his fifth cutaneous squamous cell carcinoma in five years.');
    expect(facts.some((f) => f.kind === 'cancer' && f.riskGroup === 'high')).toBe(false);
  });

  it('holds "potentially high risk" uncertain', () => {
    const facts = read('Pre-op dx: SCC L forearm, potentially high risk.');
    expect(facts.some((f) => f.kind === 'cancer' && f.riskGroup === 'high')).toBe(false);
  });
});
