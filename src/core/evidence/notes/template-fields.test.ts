import { describe, expect, it } from 'vitest';
import { templateMarks } from './template-fields.ts';

const read = (text: string) => templateMarks(text).map((m) => [text.slice(m.start, m.end).trim(), m.reading]);

describe('template fields', () => {
  it('reads an unticked box as asserting nothing and a ticked one as nothing to change', () => {
    expect(read('Red flags: [ ] fever [x] wt loss [ ] saddle anesthesia')).toEqual([
      ['fever', 'unasserted'],
      ['saddle anesthesia', 'unasserted'],
    ]);
    expect(read('☐ Prior lumbar surgery  ☒ Prior lumbar MRI')).toEqual([['Prior lumbar surgery', 'unasserted']]);
    // A box after its label, with nothing after it in its field, answers that label.
    expect(read('Immune status: immunocompetent [x]  immunosuppressed [ ]')).toEqual([
      ['immunosuppressed', 'unasserted'],
    ]);
  });

  it('negates each item a "(-)" stands before, up to the next mark or comma', () => {
    expect(read('(-) transplant (-) immunosuppressive medication')).toEqual([
      ['transplant', 'negated'],
      ['immunosuppressive medication', 'negated'],
    ]);
    expect(read('(-) transplant, on tacrolimus')).toEqual([['transplant', 'negated']]);
  });

  it('negates a label whose value is no, none, denies or not identified, field by field', () => {
    expect(read('Saddle numbness: no    Urinary retention: denies   Leg weakness: yes')).toEqual([
      ['Saddle numbness', 'negated'],
      ['Urinary retention', 'negated'],
    ]);
    expect(read('Significant trauma: no (lifting strain only)')).toEqual([['Significant trauma', 'negated']]);
    expect(read('History of cancer ............................. No')).toEqual([['History of cancer', 'negated']]);
    expect(read('Weakness getting worse ........................ Yes')).toEqual([]);
    expect(read('Red-flag screen: fever N, cancer hx N, IVDU N')).toEqual([
      ['fever', 'negated'],
      ['cancer hx', 'negated'],
      ['IVDU', 'negated'],
    ]);
    expect(read('Plan: no imaging needed today')).toEqual([]);
  });

  it('reads a review of systems\' "[-]" as negating the item after it, and "[+]" as leaving it stated', () => {
    expect(read('Neurological: [-] saddle anesthesia [-] leg weakness [+] back pain')).toEqual([
      ['saddle anesthesia', 'negated'],
      ['leg weakness', 'negated'],
    ]);
  });

  it('negates an item answered by a bracketed N after it', () => {
    expect(read('SCREEN: Organ transplant [N]  HIV [N]  Prior radiation to site [Y]')).toEqual([
      ['Organ transplant', 'negated'],
      ['HIV', 'negated'],
    ]);
  });

  it('reads a field answered elsewhere ("see comment") as asserting nothing, and "pending" as an answer', () => {
    expect(read('Hematologic malignancy: see comment')).toEqual([['Hematologic malignancy', 'unasserted']]);
    expect(read('Outside PT records: pending')).toEqual([]);
  });

  it('reads a ticked No among Yes/No boxes as negating the label, and a wrapped unticked option as one field', () => {
    expect(read('Prior radiation to site:     [ ] Yes  [X] No')).toEqual([
      ['Yes', 'unasserted'],
      ['Prior radiation to site', 'negated'],
    ]);
    expect(read('Immunosuppressed:  [X] Yes  [ ] No')).toEqual([['No', 'unasserted']]);
    expect(
      read('Subtype:  [X] Superficial  [ ] Aggressive (infiltrative/morpheaform/\n      micronodular/perineural)'),
    ).toEqual([['Aggressive (infiltrative/morpheaform/\n      micronodular/perineural)', 'unasserted']]);
  });

  it("negates a table row's label when its next cell is never, no or not tried", () => {
    expect(read('| Phototherapy | never | - | - |')).toEqual([['Phototherapy', 'negated']]);
    expect(read('| Apremilast / biologics | never | - |')).toEqual([['Apremilast / biologics', 'negated']]);
    expect(read('| Methotrexate | 02/2025-06/2025 | 15 mg weekly | failed |')).toEqual([]);
  });

  it('leaves a label naming alternatives, or an unfilled placeholder, unasserted', () => {
    expect(read('Primary vs recurrent: [x] primary')).toEqual([['Primary vs recurrent', 'unasserted']]);
    expect(read('Topical calcineurin inhibitor: [ ] tried  [X] not tried')).toEqual([['tried', 'unasserted']]);
    expect(read('Lip: ulcerated lesion lower lip, size: ***')).toEqual([['size', 'unasserted']]);
    expect(read('Primary/recurrent: primary')).toEqual([['Primary/recurrent', 'unasserted']]);
    expect(read('Primary / recurrent: Primary')).toEqual([['Primary / recurrent', 'unasserted']]);
    expect(read('Site | Histology | Primary/Recurrent | AUC area')).toEqual([['Primary/Recurrent', 'unasserted']]);
    expect(read('Numbness/tingling: yes')).toEqual([]);
    expect(read('PET/CT history in our system: initial staging PET/CT 04/05/2023')).toEqual([]);
  });
});

describe('a yes/no field nobody answered', () => {
  it('asserts nothing: "Organ transplant: [ ] Yes  [ ] No"', () => {
    expect(templateMarks('Organ transplant: [ ] Yes  [ ] No')).toContainEqual({
      start: 0,
      end: 'Organ transplant'.length,
      reading: 'unasserted',
    });
    expect(
      templateMarks('Prior radiation to site: [X] Yes  [ ] No').filter(
        (m) => m.end <= 'Prior radiation to site'.length,
      ),
    ).toEqual([]);
  });
});
