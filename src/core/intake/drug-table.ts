// The drugs of the policy library by ingredient, with the brand names EHR exports write them under, for drug orders
// that carry only text ("Skyrizi 150 mg/mL pen"). Data, not logic.
//
// Source: RxNorm (U.S. National Library of Medicine), ingredient concepts (term type IN). An RXCUI is listed only
// where it was checked against the RxNorm ingredient concept in two independent published tables; the others are
// left without one rather than guessed, and an order naming them is read by ingredient (the policy library matches
// drug orders by ingredient words) under the synthetic system below. Verify any addition in RxNav
// (https://mor.nlm.nih.gov/RxNav/) before listing its RXCUI.

/** A drug of the library: its ingredient, the RxNorm ingredient concept when verified, and its US brand names. */
export interface LibraryDrug {
  ingredient: string;
  rxcui?: string;
  brands: readonly string[];
}

/** Marks an order code as Klivira's reading of a drug's text, not an RxNorm or NDC code. */
export const DRUG_INGREDIENT_SYSTEM = 'urn:klivira:drug-ingredient';

export const LIBRARY_DRUGS: readonly LibraryDrug[] = [
  { ingredient: 'adalimumab', rxcui: '327361', brands: ['Humira'] },
  { ingredient: 'etanercept', rxcui: '214555', brands: ['Enbrel'] },
  { ingredient: 'infliximab', rxcui: '191831', brands: ['Remicade'] },
  { ingredient: 'certolizumab pegol', brands: ['Cimzia'] },
  { ingredient: 'ustekinumab', rxcui: '847083', brands: ['Stelara'] },
  { ingredient: 'secukinumab', brands: ['Cosentyx'] },
  { ingredient: 'ixekizumab', brands: ['Taltz'] },
  { ingredient: 'brodalumab', brands: ['Siliq'] },
  { ingredient: 'bimekizumab', brands: ['Bimzelx'] },
  { ingredient: 'guselkumab', brands: ['Tremfya'] },
  { ingredient: 'risankizumab', brands: ['Skyrizi'] },
  { ingredient: 'tildrakizumab', brands: ['Ilumya'] },
  { ingredient: 'apremilast', brands: ['Otezla'] },
  { ingredient: 'deucravacitinib', brands: ['Sotyktu'] },
  { ingredient: 'dupilumab', rxcui: '1876376', brands: ['Dupixent'] },
  { ingredient: 'tralokinumab', brands: ['Adbry'] },
  { ingredient: 'lebrikizumab', brands: ['Ebglyss'] },
  { ingredient: 'upadacitinib', brands: ['Rinvoq'] },
  { ingredient: 'abrocitinib', brands: ['Cibinqo'] },
];

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Each drug by every word it may be written with: the ingredient (its first word alone too, since "certolizumab"
// is written without "pegol") and its brands; the longest first, so that a longer name wins over its prefix.
const DRUG_BY_WORD = new Map<string, LibraryDrug>(
  LIBRARY_DRUGS.flatMap((drug) =>
    [drug.ingredient, drug.ingredient.split(' ')[0] ?? drug.ingredient, ...drug.brands].map(
      (word): [string, LibraryDrug] => [word.toLowerCase(), drug],
    ),
  ),
);
const ANY_DRUG = new RegExp(
  `\\b(${[...DRUG_BY_WORD.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})\\b`,
  'i',
);

/** The library drug a free-text drug name names first, e.g. 'Skyrizi 150 mg/mL pen' → risankizumab. */
export function libraryDrugIn(text: string): LibraryDrug | undefined {
  const word = ANY_DRUG.exec(text)?.[1];
  return word === undefined ? undefined : DRUG_BY_WORD.get(word.toLowerCase());
}
