import { describe, expect, it } from 'vitest';
import { firstChars, wordKeys } from './first-chars.ts';

const sorted = (source: string): string[] | null => {
  const chars = firstChars(source);
  return chars === null ? null : [...chars].sort();
};

describe('firstChars', () => {
  it('reads a literal, case-insensitively', () => {
    expect(sorted('Denies')).toEqual(['d']);
  });

  it('unions the alternatives of a group and of the whole source', () => {
    expect(sorted('(?:did|does|has) not')).toEqual(['d', 'h']);
    expect(sorted('no|without')).toEqual(['n', 'w']);
  });

  it('looks past optional parts to what follows them', () => {
    expect(sorted('(?:is |are )?(?:unknown|not known)')).toEqual(['a', 'i', 'n', 'u']);
    expect(sorted('(?:the )*risk')).toEqual(['r', 't']);
    expect(sorted('x{0,2}y')).toEqual(['x', 'y']);
  });

  it('ignores look-arounds and word boundaries, which consume nothing', () => {
    expect(sorted('(?<!\\bper )(?:patient|pt)(?! \\w+ history)')).toEqual(['p']);
    expect(sorted('\\bsaddle\\b(?= and)')).toEqual(['s']);
  });

  it('expands character classes and ranges, and escapes', () => {
    expect(sorted('[Nn]egative')).toEqual(['n']);
    expect(sorted('[a-c]x')).toEqual(['a', 'b', 'c']);
    expect(sorted('\\d+ weeks')).toEqual('0123456789'.split(''));
    expect(sorted('\\(-\\)')).toEqual(['(']);
  });

  it('skips wide atoms after the first', () => {
    expect(sorted('family (?:[\\w-]+ ){1,2}history')).toEqual(['f']);
  });

  it('answers "any" when the first atom is wide or the whole can be empty', () => {
    expect(firstChars('(?:[\\w-]+ )?wife')).toBeNull();
    expect(firstChars('[^.]+')).toBeNull();
    expect(firstChars('.x')).toBeNull();
    expect(firstChars('a?')).toBeNull();
    expect(firstChars('\\w+')).toBeNull();
  });
});

describe('wordKeys', () => {
  it('files an entry under its letters and digits only, or under all of them for "any"', () => {
    expect(wordKeys(firstChars('(?:no|\\+)'))).toEqual(['n']);
    expect(wordKeys(null)).toHaveLength(36);
  });
});
