import { describe, expect, it } from 'vitest';
import { scanPurpose } from './scan-purpose.ts';

describe('scanPurpose', () => {
  it('reads a regional-node evaluation', () => {
    expect(scanPurpose('PET/CT to assess the left groin lymph nodes ahead of the sentinel procedure')).toBe(
      'regional_nodes',
    );
    expect(scanPurpose('image the cervical nodes prior to SLNB')).toBe('regional_nodes');
    // A dictation's slip for the nodes.
    expect(scanPurpose('a PET CT limited to the left arm and axilla to look at the axillary knows')).toBe(
      'regional_nodes',
    );
    // The field a scan covers ("whole body") is no purpose beyond the nodes; a look for distant disease is.
    expect(
      scanPurpose('FDG PET/CT (whole body, to include both legs) - to evaluate the L inguinal nodal basin before SLNB'),
    ).toBe('regional_nodes');
    expect(
      scanPurpose('PET/CT whole body prior to surgery - purpose is to evaluate the R inguinal/ iliac nodal basin'),
    ).toBe('regional_nodes');
    expect(scanPurpose('Whole-body PET/CT to evaluate the nodes and look for distant disease')).toBe(
      'treatment_decision',
    );
  });
  it('reads a scan to characterize the nodes as regional, unless the sentence denies that purpose', () => {
    expect(scanPurpose('Requesting FDG PET/CT limited to characterize the right axillary nodes')).toBe(
      'regional_nodes',
    );
    expect(scanPurpose('The PET is not being used to characterize the regional nodes.')).toBeUndefined();
  });

  it('does not read distant staging that mentions nodes as regional-node evaluation', () => {
    expect(scanPurpose('to evaluate nodes and distant sites before systemic therapy')).toBe('treatment_decision');
  });
  it('reads surveillance and reassurance', () => {
    expect(scanPurpose('Scan so we can make sure the cancer has not spread')).toBe('surveillance');
    expect(scanPurpose('yearly routine restaging, no treatment decision pending')).toBe('surveillance');
    expect(scanPurpose('ordered at the family request')).toBe('surveillance');
  });
  it('reads a decision tree and a search for other sites before resecting one as a treatment decision', () => {
    expect(scanPurpose('Would resect if no other disease - recommend PET/CT to exclude additional sites first.')).toBe(
      'treatment_decision',
    );
    expect(scanPurpose('isolated RLL lesion on PET -> VATS wedge; multifocal -> systemic therapy')).toBe(
      'treatment_decision',
    );
  });
  it('reads a treatment decision', () => {
    expect(scanPurpose('to determine the extent of disease and choose between resection and immunotherapy')).toBe(
      'treatment_decision',
    );
    expect(scanPurpose('whole-body scan to rule out distant metastases before parotidectomy')).toBe(
      'treatment_decision',
    );
  });
  it('says nothing when no purpose is stated', () => {
    expect(scanPurpose('PET/CT skull base to mid-thigh')).toBeUndefined();
  });
});
