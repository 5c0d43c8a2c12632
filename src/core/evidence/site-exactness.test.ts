// Sites read exactly: an ICD-10-CM skin code means its own title, and a site word that leaves the AUC area open
// says which areas it can be instead of guessing one.
import { describe, expect, it } from 'vitest';
import { anatomicSiteOf, icd10SkinSite } from './codesets.ts';

describe('ICD-10-CM skin site characters', () => {
  it('reads the sixth character of C44 face and trunk codes, not the tumour type', () => {
    expect(icd10SkinSite('C44.311')).toBe('nose');
    expect(icd10SkinSite('C44.321')).toBe('nose');
    expect(icd10SkinSite('C44.319')).toBeUndefined();
    expect(icd10SkinSite('C44.510')).toBe('anal skin');
    expect(icd10SkinSite('C44.511')).toBe('breast');
    expect(icd10SkinSite('C44.519')).toBe('trunk');
    expect(icd10SkinSite('C44.529')).toBe('trunk');
    expect(anatomicSiteOf(icd10SkinSite('C44.519') ?? '')?.area).toBe('L');
    expect(anatomicSiteOf(icd10SkinSite('C44.510') ?? '')?.area).toBe('H');
  });

  it('does not guess a site the code stops short of', () => {
    expect(icd10SkinSite('C44.5')).toBeUndefined();
    expect(icd10SkinSite('C44.51')).toBeUndefined();
    expect(icd10SkinSite('C44.41')).toBe('scalp or neck');
    expect(icd10SkinSite('C44.712')).toBeUndefined();
  });

  it('reads melanoma in situ and SCC in situ of the trunk by their own structure', () => {
    expect(icd10SkinSite('D03.51')).toBe('anal skin');
    expect(icd10SkinSite('D03.59')).toBe('trunk');
    expect(icd10SkinSite('D04.5')).toBe('trunk');
    expect(icd10SkinSite('D04.39')).toBeUndefined();
  });
});

describe('site words that leave the AUC area open', () => {
  it('a leg without its surface is Area L or M (pretibial); thigh and calf are L; a lower limb is open', () => {
    expect(anatomicSiteOf('right lower leg')).toMatchObject({ areas: ['L', 'M'] });
    expect(anatomicSiteOf('right lower leg')?.area).toBeUndefined();
    expect(anatomicSiteOf('lesion on the left shin')).toMatchObject({ area: 'M' });
    expect(anatomicSiteOf('posterior calf')).toMatchObject({ area: 'L' });
    expect(anatomicSiteOf('medial thigh')).toMatchObject({ area: 'L' });
    const limb = anatomicSiteOf('left lower extremity');
    expect(limb?.area).toBeUndefined();
    expect(limb?.areas).toBeUndefined();
  });

  it('a pathology word is no site: perineural invasion is not the perineum', () => {
    expect(anatomicSiteOf('SCC with perineural invasion')).toBeUndefined();
    expect(anatomicSiteOf('lesion of the perineum')).toMatchObject({ area: 'H' });
    expect(anatomicSiteOf('perineal skin')).toMatchObject({ area: 'H' });
  });
});

describe('a site between two parts', () => {
  it('leaves the AUC area open where the parts lie in different areas', () => {
    const junction = anatomicSiteOf('L lateral neck/shoulder junction, over the superior trapezius');
    expect(junction?.area).toBeUndefined();
    expect(new Set(junction?.areas)).toEqual(new Set(['M', 'L']));
    // Parts of one area keep it.
    expect(anatomicSiteOf('chest/abdomen border')?.area).toBe('L');
    expect(anatomicSiteOf('left lateral neck')?.area).toBe('M');
    // A code title's scope ("including hip") names what the code also covers, not the site.
    expect(anatomicSiteOf('Basal cell carcinoma of skin of left lower limb, including hip')?.site).toBe('lower limb');
  });
});
