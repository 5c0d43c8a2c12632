// The drugs of the policy library by ingredient, with the brand names records write them under: one table for
// reading drug orders (intake) and drug mentions in notes (notes/concepts.ts). Data, not logic.
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
