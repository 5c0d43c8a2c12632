// A ticked red-flag box the same note explains as the patient's longstanding baseline.
import { describe, expect, it } from 'vitest';
import { extractNoteFacts } from './notes/index.ts';
import { longstandingFlags } from './longstanding-flags.ts';

const flags = (text: string) =>
  longstandingFlags(
    extractNoteFacts({ reference: 'DocumentReference/n', date: '2026-08-18', contentType: 'text/plain', text }),
  ).flatMap((f) => (f.kind === 'red_flag' && f.flag === 'bowel_bladder_dysfunction' ? [f.assertion] : []));

describe('a red flag the note explains as longstanding', () => {
  it('is history, not a new bowel or bladder dysfunction', () => {
    const text =
      'GU: [ ] dysuria [ ] retention [x] urinary incontinence\n*ROS comment: urinary incontinence = leakage w/ cough/sneeze since 2nd delivery (2001), unchanged for years.';
    expect(flags(text)).not.toContain('affirmed');
  });

  it('stays a red flag when the note calls it new, or does not explain it', () => {
    expect(flags('New urinary incontinence since Tuesday.')).toContain('affirmed');
    expect(flags('GU: [ ] dysuria [x] urinary incontinence')).toContain('affirmed');
  });
});
