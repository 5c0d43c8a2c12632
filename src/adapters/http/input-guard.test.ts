import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/fhir/index.ts';
import {
  exceedsDepth,
  findUnstorableText,
  guardText,
  isUnstorableText,
  MAX_JSON_DEPTH,
  parseGuardedJson,
} from './input-guard.ts';

function refusal(action: () => unknown): InvalidInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('the nesting limit', () => {
  it('accepts a body at the limit and refuses one a level deeper, naming the limit', () => {
    expect(parseGuardedJson(nested(MAX_JSON_DEPTH))).toBeDefined();
    const error = refusal(() => parseGuardedJson(nested(MAX_JSON_DEPTH + 1)));
    expect(error.status).toBe(400);
    expect(error.issues[0]?.message).toMatch(/nested deeper than the limit of 100 levels/);
  });

  it('counts objects and arrays alike and ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsDepth('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(exceedsDepth('{"a":{"b":[1]}}', 2)).toBe(true);
    expect(exceedsDepth(`{"text":"${'['.repeat(500)}"}`, 1)).toBe(false);
    expect(exceedsDepth(`{"text":"a\\"${'{'.repeat(500)}"}`, 1)).toBe(false);
  });

  it('refuses millions of levels quickly, without parsing them and without a stack overflow', () => {
    const started = performance.now();
    expect(refusal(() => parseGuardedJson(nested(4_000_000))).status).toBe(400);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('text the database cannot store', () => {
  it.each([
    ['NUL', 'a\u0000b', true],
    ['a lone high surrogate', 'a\ud800b', true],
    ['a lone low surrogate', '\udc00', true],
    ['a high surrogate at the end', 'abc\ud83d', true],
    ['a surrogate pair (an emoji)', 'ok \ud83d\ude00', false],
    ['other control characters', 'tab\tnewline\n\u0001', false],
    ['plain text', 'Lumbar MRI', false],
  ])('%s', (_label, text, unstorable) => {
    expect(isUnstorableText(text)).toBe(unstorable);
  });

  it('names the location of the value, never the value', () => {
    const body = {
      resourceType: 'Bundle',
      entry: [{}, {}, {}, { resource: { note: [{ text: 'Zyxwoq Marker\u0000' }] } }],
    };
    const error = refusal(() => parseGuardedJson(JSON.stringify(body)));
    expect(error.status).toBe(400);
    expect(error.issues[0]?.location).toBe('entry[3].resource.note[0].text');
    expect(JSON.stringify(error.issues)).not.toContain('Zyxwoq');
  });

  it('checks property names too, and finds the first problem in document order', () => {
    expect(findUnstorableText({ a: { 'bad\u0000key': 1 } })).toEqual({ path: 'a', key: true });
    expect(findUnstorableText({ a: ['ok', '\ud800'], b: '\u0000' })).toEqual({ path: 'a[1]', key: false });
    expect(findUnstorableText({ a: ['ok', { b: 2 }], c: null })).toBeUndefined();
  });

  it('guards query strings and path parameters under their own root', () => {
    const refused = refusal(() => {
      guardText({ status: 'ready', payer: ['uhc', 'x\u0000'] }, 'query');
    });
    expect(refused.issues[0]?.location).toBe('query.payer[1]');
    expect(() => {
      guardText({ id: '00000000-0000-4000-8000-000000000000' }, 'params');
    }).not.toThrow();
  });

  it('walks a value nested far deeper than a stack would allow', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.path).toMatch(/^(\[0\]){50000}$/);
  });
});
