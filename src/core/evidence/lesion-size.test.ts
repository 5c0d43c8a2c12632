import { describe, expect, it } from 'vitest';
import { lesionSizes } from './lesion-size.ts';

describe('lesion size', () => {
  it('takes the clinical diameter, in cm, largest dimension first', () => {
    expect(lesionSizes('Clinically 1.3 x 1.1 cm keratotic nodule.')).toEqual([1.3]);
    expect(lesionSizes('8 mm pearly papule.')).toEqual([0.8]);
    // "A carcinoma of 1.4 cm": "of" names the size; "extension of 2 mm" is no size.
    expect(lesionSizes('Non-aggressive invasive squamous cell carcinoma of 1.4 cm on the right forearm.')).toEqual([
      1.4,
    ]);
    expect(lesionSizes('Tumor with lateral extension of 2 mm beyond the scar.')).toEqual([]);
  });

  it('leaves out depths, instruments, places, thresholds and nodes', () => {
    expect(lesionSizes('Invasive SCC, well-mod diff, 1.0 mm, papillary dermis, no PNI.')).toEqual([]);
    expect(lesionSizes('Well differentiated, 1.2 mm, Clark II, no PNI.')).toEqual([]);
    expect(lesionSizes('R forehead (mid, 3 cm above brow): pink macule.')).toEqual([]);
    expect(lesionSizes('Non-aggressive SCC >= 1.1 cm in an immunocompromised patient.')).toEqual([]);
    expect(lesionSizes('Biopsy (4 mm punch).')).toEqual([]);
    expect(lesionSizes('A 1.5 cm left axillary lymph node.')).toEqual([]);
  });
});
