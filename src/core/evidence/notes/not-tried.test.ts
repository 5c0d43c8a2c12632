// Checkbox templates and refusals that say a therapy was not tried.
import { describe, expect, it } from 'vitest';
import { declined, DENIED_OUTCOME, negativeChecked } from './not-tried.ts';

describe('not tried', () => {
  it('reads the ticked option of a checkbox row', () => {
    expect(negativeChecked('Phototherapy: [ ] tried [X] not tried')).toBe(true);
    expect(negativeChecked('Allergy to pimecrolimus: [ ] yes [x] no')).toBe(true);
    expect(negativeChecked('Phototherapy: [X] tried - 24 sessions [ ] not tried')).toBe(false);
    expect(negativeChecked('Phototherapy: [ ] tried [ ] not tried')).toBe(false);
    expect(negativeChecked('Tried phototherapy without benefit.')).toBe(false);
  });

  it('reads a refusal, unless the sentence says the therapy was tried first', () => {
    expect(declined('He declined methotrexate because of the weekly labs.')).toBe(true);
    expect(declined('She would rather not use pimecrolimus cream.')).toBe(true);
    expect(declined('Tried acitretin for 3 months, then refused to continue.')).toBe(false);
    expect(declined('Apremilast 30 mg twice daily since June.')).toBe(false);
    expect(declined('Pt again declines restarting methotrexate at this time.')).toBe(false);
  });

  it('recognizes a denied outcome word', () => {
    expect(DENIED_OUTCOME.test('No contraindication to cyclosporine; BP normal.')).toBe(true);
    expect(DENIED_OUTCOME.test('No history of intolerance to topical agents.')).toBe(true);
    expect(DENIED_OUTCOME.test('Cyclosporine contraindicated by CKD.')).toBe(false);
  });
});
