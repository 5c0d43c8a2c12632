import { describe, expect, it } from 'vitest';
import { LENGTH, lengthInCm, notLesionSize } from './lesion-size.ts';

/** The lesion sizes of a sentence, in cm. */
const sizes = (text: string): number[] =>
  [...text.matchAll(LENGTH)]
    .filter(
      (m) =>
        !notLesionSize(
          m[0],
          text.slice(Math.max(0, m.index - 20), m.index),
          text.slice(m.index + m[0].length, m.index + m[0].length + 40),
        ),
    )
    .flatMap((m) => lengthInCm(m[0]) ?? []);

describe('lesion size', () => {
  it('takes the clinical diameter, in cm, largest dimension first', () => {
    expect(sizes('Clinically 1.3 x 1.1 cm keratotic nodule.')).toEqual([1.3]);
    expect(sizes('8 mm pearly papule.')).toEqual([0.8]);
  });

  it('leaves out depths, instruments, places, thresholds and nodes', () => {
    expect(sizes('Invasive SCC, well-mod diff, 1.0 mm, papillary dermis, no PNI.')).toEqual([]);
    expect(sizes('Well differentiated, 1.2 mm, Clark II, no PNI.')).toEqual([]);
    expect(sizes('R forehead (mid, 3 cm above brow): pink macule.')).toEqual([]);
    expect(sizes('Non-aggressive SCC >= 1.1 cm in an immunocompromised patient.')).toEqual([]);
    expect(sizes('Biopsy (4 mm punch).')).toEqual([]);
    expect(sizes('A 1.5 cm left axillary lymph node.')).toEqual([]);
  });
});
