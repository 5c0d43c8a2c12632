// An order made to wait on a result (order-contingency.ts), on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { extractNoteFacts } from './index.ts';

const waits = (text: string) =>
  extractNoteFacts({ reference: 'DocumentReference/n1', date: '2026-06-01', contentType: 'text/plain', text }).flatMap(
    (f) => (f.kind === 'order_contingency' ? [f.waitsOn] : []),
  );

describe('an order that waits on a result', () => {
  it('is read from a plan that conditions the study on a biopsy, the final pathology or labs', () => {
    expect(waits('Plan: PET/CT only if the biopsy confirms in-transit disease.')).toEqual(['biopsy']);
    expect(waits("Plan: PET/CT whole body - will submit for auth so it's ready, will decide after CXR/labs.")).toEqual([
      'CXR',
    ]);
    expect(waits('Plan: MRI lumbar spine pending ESR/CRP.')).toEqual(['ESR/CRP']);
    expect(waits('Plan: if the final pathology shows perineural invasion, PET/CT for staging.')).toEqual(['pathology']);
    expect(waits('Plan: will start PA for ixekizumab now so it is ready if bx confirms psoriasis.')).toEqual(['bx']);
    expect(waits('Plan: PET/CT ordered; will cancel if FNA is benign/reactive.')).toEqual(['FNA']);
    expect(waits('Plan: PET/CT sent for auth. If US benign / reactive, will cancel the PET.')).toEqual(['US']);
    expect(waits('Plan: MRI L-spine only if EMG/NCS shows radiculopathy.')).toEqual(['EMG/NCS']);
    expect(waits('Plan: PET/CT requested; will cancel if addendum neg for PNI.')).toEqual(['addendum']);
  });

  it('is not read where the result and the study are awaited together, or the study has its own result', () => {
    expect(waits('Plan: hold antibiotics until cultures/MRI unless he becomes unstable.')).toEqual([]);
    expect(waits('Plan: tumor board after biopsy/PET.')).toEqual([]);
    expect(waits('Plan: will plan surgery once PET results are back.')).toEqual([]);
    expect(waits('Plan: PET/CT for baseline staging of the biopsy-proven melanoma.')).toEqual([]);
  });
});
