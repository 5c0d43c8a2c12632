// Drug orders that carry only text ("Skyrizi 150 mg/mL pen") read as the library drug they name, by ingredient or
// brand; the drugs and their brands are the evidence module's LIBRARY_DRUGS.
import { LIBRARY_DRUGS, type LibraryDrug } from '../evidence/index.ts';

/** Marks an order code as Klivira's reading of a drug's text, not an RxNorm or NDC code. */
export const DRUG_INGREDIENT_SYSTEM = 'urn:klivira:drug-ingredient';

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
