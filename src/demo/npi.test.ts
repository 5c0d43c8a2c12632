import { describe, expect, it } from 'vitest';
import { isValidNpi, luhnCheckDigit, npiCheckDigit, randomNpi } from './npi.ts';
import { Random } from './prng.ts';

describe('NPI check digit', () => {
  it('matches the CMS worked example (123456789 → check digit 3)', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
  });

  it('is the Luhn digit of the 80840-prefixed number', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('draws valid individual and organization NPIs', () => {
    const random = new Random(99);
    for (let i = 0; i < 200; i++) {
      const individual = randomNpi(random, 'individual');
      const organization = randomNpi(random, 'organization');
      expect(isValidNpi(individual) && individual.startsWith('1')).toBe(true);
      expect(isValidNpi(organization) && organization.startsWith('2')).toBe(true);
    }
  });
});
