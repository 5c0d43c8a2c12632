// The prefilter must never rule out a pattern that matches: checked on the reader's hard cases, on every concept
// pattern over the annotated corpora, and on random text built from the patterns' own words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as concepts from './concepts.ts';
import {
  CORPUS,
  HELD_OUT,
  HELD_OUT_2,
  HELD_OUT_3,
  HELD_OUT_4,
  HELD_OUT_5,
  HELD_OUT_6,
} from '../../../../fixtures/notes-corpus/index.ts';
import { Prefilter, requirementOf } from './prefilter.ts';

const PATTERNS: readonly RegExp[] = [
  concepts.CANCER_REGEX,
  concepts.GENERIC_CANCER,
  ...concepts.RED_FLAGS.map((c) => c.pattern),
  ...concepts.THERAPIES.map((c) => c.pattern),
  concepts.DRUG_REGEX,
  concepts.CONSERVATIVE,
  ...concepts.CONDITIONS.map((c) => c.pattern),
  ...concepts.MEASURES.map((c) => c.pattern),
  concepts.IMAGING_REGEX,
  ...concepts.TREATMENT_PHASES.map((c) => c.pattern),
  concepts.MANAGEMENT_CHANGE,
  ...concepts.EVALUATIONS.map((c) => c.pattern),
  ...concepts.RISK_FACTORS.map((c) => c.pattern),
];

function matches(re: RegExp, text: string): boolean {
  return new RegExp(re.source, re.flags.replace('g', '')).test(text);
}

describe('requirementOf', () => {
  it('takes literal text, with a leading \\b, and cuts long factors', () => {
    expect(requirementOf('\\bcauda equina(?: syndrome)?\\b')).toEqual([[['\u0000cauda equina']]]);
    expect(requirementOf('\\bCES\\b|\\bsciatica\\b')).toEqual([[['\u0000ces']], [['\u0000sciatica']]]);
  });

  it('never joins text across what it does not read', () => {
    for (const source of ['ab*cd', 'ab.cd', 'ab\\s*cd', 'ab[^x]cd', 'ab\\dcd', 'ab(?:xy)*cd', 'ab\\x41cd', 'ab\\1cd']) {
      for (const clause of requirementOf(source)?.flat() ?? []) {
        for (const factor of clause) expect(factor).not.toContain('abcd');
      }
    }
  });

  it('also requires the text a long lookaround names', () => {
    expect(requirementOf('transplant(?<=\\b(?:no|denies) transplant)')).toEqual([
      [['transplant'], ['\u0000no transplant', '\u0000denies transplan']],
    ]);
    const negated = /transplant(?<=\b(?:no|denies) transplant)/gi;
    const own = new Prefilter([negated]);
    expect(own.scan('Awaiting transplantation of kidney.').has(negated)).toBe(false);
    expect(own.scan('Denies transplant.').has(negated)).toBe(true);
  });

  it('joins no \\b to a factor kept for one found inside another ("iga" in "investigator", "viga")', () => {
    const iga = /\b(?:v?IGA|investigator\s+global)\s*([0-4])/gi;
    const own = new Prefilter([iga]);
    expect(requirementOf(iga.source)).toEqual([[['iga']]]);
    for (const text of ['vIGA-AD 3', 'Investigator global 2', 'IGA 3']) expect(own.scan(text).has(iga)).toBe(true);
  });

  it('gives up on a branch without usable text', () => {
    expect(requirementOf('\\bfever\\b|\\d+')).toBeUndefined();
    expect(requirementOf('(?=[fF])x')).toBeUndefined();
  });
});

describe('Prefilter', () => {
  const prefilter = new Prefilter(PATTERNS);

  it('always allows a probe it was not given', () => {
    expect(prefilter.scan('nothing here').has(/zzz/)).toBe(true);
  });

  it('finds a factor in any case, and a `\\b`-led one only where a word starts', () => {
    const sciatica = /\bsciatica\b/i;
    const own = new Prefilter([sciatica]);
    expect(own.scan('Known SCIATICA.').has(sciatica)).toBe(true);
    expect(own.scan('sciatica').has(sciatica)).toBe(true);
    expect(own.scan('pseudosciatica').has(sciatica)).toBe(false);
    expect(own.scan('x_sciatica').has(sciatica)).toBe(false);
    // Without the `u` flag a non-ASCII letter is no word character, so a word starts after it.
    expect(own.scan('\u00e9sciatica').has(sciatica)).toBe(true);
    expect(sciatica.test('\u00e9sciatica')).toBe(true);
  });

  it('rules out patterns that cannot match', () => {
    const possible = prefilter.scan('Patient is married. No Known Allergies.');
    expect(possible.has(concepts.DRUG_REGEX)).toBe(false);
    expect(possible.has(concepts.CANCER_REGEX)).toBe(false);
  });

  it('allows every pattern that matches a corpus note', () => {
    const notes = [CORPUS, HELD_OUT, HELD_OUT_2, HELD_OUT_3, HELD_OUT_4, HELD_OUT_5, HELD_OUT_6].flat();
    let checked = 0;
    for (const note of notes) {
      const possible = prefilter.scan(note.text);
      for (const re of PATTERNS) {
        if (!matches(re, note.text)) continue;
        checked++;
        expect(possible.has(re), `${note.id}: ${re.source.slice(0, 60)}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('allows every pattern that matches random text made of their words', () => {
    const words = [
      ...new Set(PATTERNS.flatMap((re) => re.source.replace(/\\[a-zA-Z]|[()?:|*+\\[\]{}^$=!<]/g, ' ').split(/\s+/))),
    ].filter((w) => w.length > 1);
    const text = fc
      .array(
        fc.oneof(fc.constantFrom(...words), fc.constantFrom(' ', ', ', '. ', '\n', '/', '-', ' 3 ', ' 6/10 ', ' 2/5 ')),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.boolean(), (t, upper) => {
        const sample = upper ? t.toUpperCase() : t;
        const possible = prefilter.scan(sample);
        for (const re of PATTERNS) if (matches(re, sample)) expect(possible.has(re)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
