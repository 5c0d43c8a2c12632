// Notes name the library's drugs by brand as often as by ingredient: each brand of LIBRARY_DRUGS reads as its drug.
import { describe, expect, it } from 'vitest';
import { LIBRARY_DRUGS } from '../library-drugs.ts';
import { drugOf } from './concepts.ts';

describe('library brands in notes', () => {
  it('reads every brand as its ingredient, as notes write it', () => {
    for (const drug of LIBRARY_DRUGS) {
      for (const brand of drug.brands) {
        expect(drugOf(brand)?.agent, brand).toBe(drug.ingredient.split(' ')[0]);
      }
    }
    expect(drugOf('Cimzia')?.agent).toBe('certolizumab');
    expect(drugOf('Skyrizi')?.modality).toBe('biologic');
  });
});
