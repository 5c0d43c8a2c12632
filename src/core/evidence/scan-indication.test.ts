// The cancer a scan was done for: a PET for another cancer does not use up this cancer's scans (NCD 220.6.17 counts
// per cancer), whether the words say it after "for" or the scan is listed under another cancer's heading.
import { describe, expect, it } from 'vitest';
import { labelIndication, listHeadingIndication, notACancerIn, scanIndicationIn } from './scan-indication.ts';

describe('the cancer a scan was for', () => {
  it('reads the cancer named after "for", across a wrapped line, and "a different cancer"', () => {
    expect(scanIndicationIn('PET/CT 03/2023 for his CLL')).toBe('hematologic');
    expect(scanIndicationIn('two FDG PET/CT studies in 2025 for DLBCL')).toBe('hematologic');
    expect(scanIndicationIn('PET/CT studies (01/28/2025 and 07/22/2025) for a different\ncancer')).toBe('other_solid');
    expect(scanIndicationIn('PET/CT 06/2025 negative')).toBeUndefined();
  });

  it('reads the cancer of the list a scan line sits in', () => {
    const text = [
      'ONCOLOGIC HISTORY',
      '',
      '  A. Diffuse large B-cell lymphoma (2025) - in remission',
      '     01/28/2025  FDG PET/CT (initial staging): stage IIIA',
      '',
      '  B. Merkel cell carcinoma (2026) - new',
      '     09/15/2026  Punch biopsy R malar cheek: MCC',
      '     10/01/2026  PET/CT: no distant disease',
    ].join('\n');
    expect(listHeadingIndication(text, text.indexOf('FDG PET/CT'))).toBe('hematologic');
    expect(listHeadingIndication(text, text.indexOf('PET/CT: no'))).toBe('merkel_cell');
    expect(listHeadingIndication('Plan:\nPET/CT next week.', 6)).toBeUndefined();
  });
});

describe('the cancer a label before the scan names', () => {
  it('reads "Imaging for melanoma:" and "MCC staging:" for every scan the line lists, and nothing from a bare label', () => {
    const line = 'Imaging for melanoma: PET/CT 05/2019 (baseline), 11/2020, 12/2021 - all NED.';
    expect(labelIndication(line, line.indexOf('PET/CT'))).toBe('melanoma');
    const staging = 'Prior studies.\nMCC staging: PET/CT 10/01/2026 negative.';
    expect(labelIndication(staging, staging.indexOf('PET/CT'))).toBe('merkel_cell');
    const bare = 'Imaging: PET/CT 05/2019.';
    expect(labelIndication(bare, bare.indexOf('PET/CT'))).toBeUndefined();
    expect(labelIndication('PET/CT 05/2019 negative.', 0)).toBeUndefined();
  });
});

describe('a scan for no cancer', () => {
  it('is counted for no cancer: a benign nodule, a nodule characterization, "no cancer diagnosis"', () => {
    expect(scanIndicationIn('PET was for an unrelated, benign lung nodule')).toBe('other_solid');
    expect(scanIndicationIn('PET/CT 03/18/2025 - pulmonary nodule characterization')).toBe('other_solid');
    expect(notACancerIn('RUL nodule - PET/CT 03/2025 low-grade uptake, considered benign; no cancer diagnosis.')).toBe(
      true,
    );
    expect(scanIndicationIn('FDG PET/CT for Indeterminate 1.1 cm RUL pulmonary nodule, former smoker')).toBe(
      'other_solid',
    );
    expect(notACancerIn('RUL lung nodule 2022 (PET low suspicion, stable on CTs, released from f/u)')).toBe(true);
    expect(scanIndicationIn('PET/CT 03/2025 for her melanoma, initial staging')).toBe('melanoma');
    expect(notACancerIn('PET/CT 03/2025: hypermetabolic left axillary node, biopsy-proven melanoma.')).toBe(false);
  });
});
