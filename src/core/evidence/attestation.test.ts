import { describe, expect, it } from 'vitest';
import type { ClinicalNote } from '../fhir/record.ts';
import { attestationsOutrank } from './attestation.ts';
import { extractNoteFacts } from './notes/index.ts';

const note = (text: string): ClinicalNote => ({
  reference: 'DocumentReference/visit',
  date: '2026-02-20',
  contentType: 'text/plain',
  text,
});
const read = (text: string) => {
  const n = note(text);
  return attestationsOutrank(extractNoteFacts(n), [n]);
};

describe("a teaching note's attending attestation", () => {
  it("outranks the resident's statement of the same red flag", () => {
    const facts = read(
      'A/P: High concern for vertebral osteomyelitis / discitis.\n\nATTENDING ATTESTATION: I saw and examined the patient. Discitis less likely; ESR/CRP ordered.',
    );
    const infection = facts.filter((f) => f.kind === 'red_flag' && f.flag === 'spinal_infection');
    expect(infection.map((f) => f.assertion)).toEqual(['uncertain']);
    expect(infection[0]?.source.text).toMatch(/less likely/);
  });

  it('leaves the resident’s course when the attestation only plans the drug, but not when it speaks of its use', () => {
    const planned = read(
      'HPI: started methotrexate 15 mg weekly 6 weeks ago with minimal change.\n\nATTENDING ATTESTATION: Agree. Would escalate methotrexate to 20 mg if tolerating.',
    );
    expect(planned.some((f) => f.kind === 'therapy' && f.agent === 'methotrexate' && f.assertion === 'affirmed')).toBe(
      true,
    );
    const used = read(
      'HPI: triamcinolone 0.1% ointment daily x 6 weeks, failed.\n\nATTENDING ATTESTATION: She reports using the triamcinolone most days although adherence was imperfect.',
    );
    const tcs = used.filter((f) => f.kind === 'therapy' && f.agent === 'triamcinolone');
    expect(tcs).toHaveLength(1);
    expect(tcs[0]?.source.text).toMatch(/most days although adherence was imperfect/);
  });

  it('changes nothing in a note without an attestation', () => {
    const text = 'A/P: High concern for discitis.';
    expect(read(text)).toEqual(extractNoteFacts(note(text)));
  });
});
