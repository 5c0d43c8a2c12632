// Name and place pools for synthetic patients and clinicians. Family names, towns and streets are invented so that
// no generated person or practice can be mistaken for a real one; phone numbers use the fictional 555-01xx range.

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

export const GIVEN_FEMALE = words(`
  Ada Beatrix Coralie Delphine Edith Florence Greta Harriet Imogen Juniper Katrin Lorna Maren Nell
  Opal Petra Rosalind Sabine Tamsin Ursula Vera Wren
`);

export const GIVEN_MALE = words(`
  Abel Bram Cyrus Dorian Emmett Fitz Gideon Hollis Ivo Jasper Kester Lionel Magnus Niall Osric
  Percival Quentin Rufus Silas Thaddeus Ulric Wendell
`);

export const FAMILY = words(`
  Ashcombe Brackenridge Quillfeather Marrowby Thistlewood Pennyworth-Hale Oakhollow Vantreese
  Drummelow Fennimore-Clay Glassenbury Harrowgate Inchcliffe Kettleborough Larkspurr Mossgiel
  Nettlefold Orrinsby Pellingham Ravenhurst Saltonby Tumbleston Wintergreen-Amos Yarrowdale
`);

export const CLINICIAN_GIVEN = words('Anneliese Bartholomew Celestine Desmond Evangeline Fabian Henrietta Leopold');
export const CLINICIAN_FAMILY = words(
  'Okonkwo-Vail Lindqvist-Rao Achterberg Montclaire Szabo-Quint Ferreira-Lund Thornquist-Abara',
);

/** Fictional towns (real state codes, so that addresses look like addresses). */
export const TOWNS = [
  { city: 'Lake Oriel', state: 'MN', zip: '55990' },
  { city: 'Fernhollow', state: 'WI', zip: '53990' },
  { city: 'Copperbend', state: 'IA', zip: '52990' },
  { city: 'Marlowe Falls', state: 'IL', zip: '62990' },
] as const;

export const STREETS = ['Larchmere Way', 'Quarry Hill Rd', 'Tansy Lane', 'Old Mill Ct', 'Heronsgate Ave'] as const;

export type Town = (typeof TOWNS)[number];
