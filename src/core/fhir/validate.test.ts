// The resources as the structural check reads them: empty properties absent, nothing copied where there are none.
import { describe, expect, it } from 'vitest';
import { withoutEmptyValues } from './validate.ts';

describe('withoutEmptyValues', () => {
  it('drops the empty properties at any depth and keeps array items in their places', () => {
    const order = {
      resourceType: 'ServiceRequest',
      code: { coding: '', text: '' },
      note: [{ text: 'x' }, {}],
      id: 'o',
    };
    expect(withoutEmptyValues(order)).toEqual({ resourceType: 'ServiceRequest', note: [{ text: 'x' }, {}], id: 'o' });
    expect(order.code.coding).toBe('');
  });

  it('returns the resource itself when nothing in it is empty', () => {
    const patient = { resourceType: 'Patient', name: [{ given: ['A', 'B'] }], birthDate: '1970-01-01' };
    expect(withoutEmptyValues(patient)).toBe(patient);
  });
});
