// Counting prior scans from narrative and reading a planned scan's purpose (issue 15, classes 3 and 4), on
// sentences written for these tests.
import { describe, expect, it } from 'vitest';
import type { Fact, ImagingFact } from '../../fact.ts';
import { extractNoteFacts } from '../index.ts';

const read = (text: string): Fact[] =>
  extractNoteFacts({ reference: 'DocumentReference/n1', date: '2026-06-01', contentType: 'text/plain', text });
const pets = (facts: Fact[]): ImagingFact[] =>
  facts.filter((f): f is ImagingFact => f.kind === 'imaging' && (f.modality === 'pet' || f.modality === 'pet_ct'));

describe('prior PET scans counted from narrative', () => {
  it('gives each listed date the strategy written beside it', () => {
    const facts = read(
      'Stage IIIA melanoma of the left shin. Prior PET/CT 02/2024 (initial staging), 09/2025 and 03/2026 (surveillance).',
    );
    const dated = pets(facts).filter((f) => f.date !== undefined && f.assertion === 'affirmed');
    expect(dated.map((f) => [f.date, f.strategy])).toEqual([
      ['2024-02-01', 'initial'],
      ['2025-09-01', undefined],
      ['2026-03-01', 'subsequent'],
    ]);
  });

  it('reads each study’s own words before its sentence’s, and the cancer a scan was for', () => {
    const facts = read(
      'Imaging history: baseline PET/CT 07/2024 for initial staging; restaging PET/CT 01/2025 and 06/2025. He had a PET/CT in 03/2023 for his CLL.',
    );
    const dated = pets(facts).filter((f) => f.date !== undefined && f.assertion === 'affirmed');
    expect(dated.map((f) => [f.date, f.strategy, f.dateByMonth, f.indication])).toEqual([
      ['2024-07-01', 'initial', true, undefined],
      ['2025-01-01', 'subsequent', true, undefined],
      ['2025-06-01', 'subsequent', true, undefined],
      ['2023-03-01', 'subsequent', true, 'hematologic'],
    ]);
  });

  it('leaves the count open when scans are stated without a number', () => {
    const uncounted = (text: string) => pets(read(text)).filter((f) => f.uncounted);
    expect(
      uncounted('Cutaneous SCC of the scalp, treated 2023. She had PET/CT scans at another hospital, maybe 2 or 3.'),
    ).toHaveLength(1);
    expect(
      uncounted('Melanoma of the back, resected 2022. Several scans were done out of state; records pending.'),
    ).toHaveLength(1);
    expect(uncounted('Melanoma of the back, resected 2022. He had a PET/CT on 04/2025.')).toHaveLength(0);
    // A study of a kind the record leaves open may have been a PET, even where a plan says so.
    expect(
      uncounted(
        'Merkel cell carcinoma, arm. Plan: restaging PET/CT. Pt may have had additional imaging at Kettering 12/2025 - type unknown, records pending.',
      ),
    ).not.toHaveLength(0);
    expect(
      uncounted(
        'Melanoma, forearm. In Dec "they did all the scans again" - he thinks it was the PET but is not sure; could have been CT.',
      ),
    ).not.toHaveLength(0);
  });

  it('counts "two prior PET/CTs" as two scans without dates', () => {
    const counted = pets(read('Merkel cell carcinoma of the arm. He has had two prior PET/CTs since surgery.')).filter(
      (f) => f.countedInText,
    );
    expect(counted).toHaveLength(2);
  });
});

describe('the purpose of the planned PET', () => {
  it('reads a regional-node evaluation and a treatment decision from the plan sentence', () => {
    const nodes = pets(
      read('Melanoma of the right forearm. Plan: PET/CT to assess the epitrochlear nodes before SLNB.'),
    );
    expect(nodes.find((f) => f.assertion === 'hypothetical')?.purposes).toContain('regional_nodes');
    const decision = pets(
      read('Recurrent SCC of the lip. Plan: PET/CT to define the extent of disease before neck dissection.'),
    );
    expect(decision.find((f) => f.assertion === 'hypothetical')?.purposes).toEqual(['treatment_decision']);
  });

  it('reads a scan put in place of the sentinel node biopsy, or asked for the status of the nodal basins, as nodal', () => {
    const planned = (text: string) => pets(read(text)).find((f) => f.assertion === 'hypothetical')?.purposes ?? [];
    expect(
      planned(
        'In lieu of sentinel node biopsy, and because he would like to know more, I have requested an FDG PET/CT.',
      ),
    ).toContain('regional_nodes');
    expect(
      planned(
        'I have requested an FDG PET/CT; the question is the status of the right inguinal and external iliac nodal basins.',
      ),
    ).toContain('regional_nodes');
  });

  it('reads the treatment question the scan answers, told before the order', () => {
    const changes = (text: string) =>
      read(text).filter((f) => f.kind === 'management_change' && f.assertion === 'affirmed');
    expect(
      changes(
        'The question that decides treatment is whether this is an isolated metastasis. To answer that I have ordered FDG PET/CT.',
      ),
    ).toHaveLength(1);
    expect(
      changes('Before committing her to this, need to exclude distant metastasis -> FDG PET/CT skull base-mid-thigh.'),
    ).toHaveLength(1);
  });
});

describe('a cancer the note cannot exclude', () => {
  it('is uncertain, not affirmed', () => {
    const facts = read('Pigmented papule of the shin, likely a nevus but we cannot exclude melanoma.');
    const melanoma = facts.filter((f) => f.kind === 'cancer' && f.cancerType === 'melanoma');
    expect(melanoma.length).toBeGreaterThan(0);
    expect(melanoma.every((f) => f.assertion !== 'affirmed')).toBe(true);
    // Typed without its apostrophe.
    const typed = read('Melanoma of the left arm. L axillary firmness likely seroma but cant exclude nodal disease.');
    expect(
      typed.filter((f) => f.kind === 'cancer' && f.metastaticSites !== undefined && f.assertion === 'affirmed'),
    ).toEqual([]);
  });
});

describe('tumour depth and size stated as bounds', () => {
  it('does not read "< 2 mm thick" or "< 2 cm" as a measured depth or size', () => {
    const [cancer] = read(
      'Cutaneous SCC L upper back - low risk (trunk, < 2 cm, well differentiated, < 2 mm thick, no PNI), excised.',
    ).filter((f) => f.kind === 'cancer');
    expect(cancer).toMatchObject({ cancerType: 'cutaneous_scc', aggressiveSubtype: false });
    expect(cancer).not.toHaveProperty('breslowMm');
    expect(cancer).not.toHaveProperty('sizeCm');
    const [measured] = read('Invasive SCC of the scalp, 2.4 mm thick, 1.5 cm.').filter((f) => f.kind === 'cancer');
    // The depth is read; it makes the SCC aggressive for the Mohs AUC (mohs-rules.ts), not a histologic subtype.
    expect(measured).toMatchObject({ breslowMm: 2.4 });
    expect(measured).not.toHaveProperty('aggressiveSubtype');
  });
});

describe("the clinician's risk group and a completed excision", () => {
  it('reads "NCCN risk group: LOW" in a line that names no cancer, after one that does', () => {
    const groups = read(
      'Squamous cell carcinoma of skin of left lower leg (C44.729), s/p Mohs, margins clear. NCCN risk group: LOW (< 2 cm, well differentiated).',
    ).flatMap((f) => (f.kind === 'cancer' && f.riskGroup !== undefined ? [f.riskGroup] : []));
    expect(groups).toEqual(['low']);
  });

  it('reads "low risk per derm" as the stated risk group, and "likely high risk" as no group at all', () => {
    const [low] = read('SCC L forearm s/p complete excision (low risk per derm).').filter((f) => f.kind === 'cancer');
    expect(low).toMatchObject({ cancerType: 'cutaneous_scc', riskGroup: 'low' });
    const [likely] = read('Invasive SCC R temple - likely high risk.').filter((f) => f.kind === 'cancer');
    expect(likely).not.toHaveProperty('riskGroup');
  });

  it('reads the group after findings a negation lists ("no PNI/LVI - low risk"), not a denied grouping', () => {
    const [low] = read('SCC R forearm, 0.9 cm, depth 1.8 mm, no PNI/LVI - low risk, excised.').filter(
      (f) => f.kind === 'cancer',
    );
    expect(low).toMatchObject({ riskGroup: 'low' });
    const [denied] = read('SCC of the cheek, no high-risk features.').filter((f) => f.kind === 'cancer');
    expect(denied).not.toHaveProperty('riskGroup', 'high');
  });

  it('reads an excision as cancer surgery, but not an excisional biopsy', () => {
    const surgery = (text: string) =>
      read(text)
        .filter((f) => f.kind === 'therapy' && f.modality === 'cancer_surgery')
        .map((f) => f.assertion);
    expect(surgery('L forearm SCC excised by Dermatology 04/14/2026.')).toEqual(['affirmed']);
    expect(surgery('Excision biopsy of the forearm lesion on 04/01/2026.')).toEqual([]);
  });
});

describe('recurrence as a risk', () => {
  it('does not read "a higher risk of recurrence" as a recurrent tumour', () => {
    const [cancer] = read('Conventional excision of this BCC carries a higher risk of recurrence.').filter(
      (f) => f.kind === 'cancer',
    );
    expect(cancer).not.toHaveProperty('primary', 'recurrent');
    const consent = read(
      'SCC in situ, right upper arm. Consent obtained; risks incl. scar, infection, bleeding,\nrecurrence discussed.',
    ).filter((f) => f.kind === 'cancer');
    expect(consent.map((f) => (f.kind === 'cancer' ? f.primary : undefined))).not.toContain('recurrent');
    const feared = read('Given her anxiety about recurrence she prefers Mohs for this BCC.').filter(
      (f) => f.kind === 'cancer',
    );
    expect(feared.map((f) => (f.kind === 'cancer' ? f.primary : undefined))).not.toContain('recurrent');
  });
});

describe('stage and nodes the sentence only hedges or states of a group', () => {
  const cancers = (text: string) =>
    read(text)
      .filter((f) => f.kind === 'cancer')
      .map((f) => (f.kind === 'cancer' ? [f.assertion, f.stage, f.nodalStatus, f.metastaticSites] : []));

  it('keeps a stage that is "concerning for …, i.e., at least stage III" out of the affirmed cancer', () => {
    expect(
      cancers(
        'Clinically evident inguinal lymphadenopathy which, in the setting of a calf melanoma, is concerning for regional nodal metastasis, i.e., at least clinical stage III.',
      ),
    ).toEqual([['affirmed', undefined, undefined, undefined]]);
  });

  it('reads "for staging patients with stage III melanoma" as a rule about a group', () => {
    expect(
      cancers('NCCN Guidelines support FDG PET/CT for staging patients with clinical stage III melanoma.'),
    ).toEqual([['hypothetical', undefined, undefined, undefined]]);
  });

  it('keeps the stage when only a later item of its list is pending', () => {
    expect(cancers('Acral melanoma, FNA-proven nodal met -> clinical stage III (cT4b cN1b, M pending).')).toEqual([
      ['affirmed', 'III', undefined, undefined],
    ]);
  });
});

describe("nodes denied along a list, and a friend's cancer", () => {
  it('reads "no evidence of recurrence or nodal disease" as nodes negative', () => {
    const [cancer] = read(
      'History of SCC R temple, s/p Mohs; no evidence of recurrence or nodal disease on exam today.',
    ).filter((f) => f.kind === 'cancer');
    expect(cancer).toMatchObject({ nodalStatus: 'negative' });
    expect(cancer).not.toHaveProperty('metastaticSites');
  });

  it("takes a friend's cancer that 'had spread to his lungs' for someone else's", () => {
    const facts = read('A golf friend was recently diagnosed with skin cancer that had spread to his lungs.');
    expect(facts.filter((f) => f.kind === 'cancer' && f.assertion === 'affirmed')).toEqual([]);
  });
});

describe('a stage the record does not settle', () => {
  const stages = (text: string) =>
    read(text).flatMap((f) => (f.kind === 'cancer' && f.stage !== undefined ? [f.stage] : []));

  it('keeps no stage from two alternatives, from the patient’s word, or across a wrapped line', () => {
    expect(stages('This is therefore stage IIA (T3aN0) or stage IIB (T3bN0).')).toEqual([]);
    expect(stages('This is therefore stage\nIIA (T3aN0) or stage IIB (T3bN0).')).toEqual([]);
    expect(stages('Melanoma R upper arm s/p WLE/SLNB - "stage IIB" per patient; followed by oncology.')).toEqual([]);
    expect(stages('Stage IIB melanoma (pT3bN0), s/p WLE and SLNB.')).toEqual(['IIB']);
  });

  it('leaves the stage open while the nodes or the ulceration are awaited', () => {
    const open = (text: string) =>
      read(text).flatMap((f) => (f.kind === 'cancer' && f.stageOpen !== undefined ? [f.stageOpen] : []));
    expect(
      open('Melanoma R shoulder. Per surg onc op note staging was "IIA vs IIB pending ulceration addendum".'),
    ).toEqual([['IIA', 'IIB']]);
    expect(
      open('47 y.o. female with melanoma of the L upper back, pT2a, pN pending (SLNB result not available).'),
    ).toEqual([[]]);
  });
});

describe('a scan ledger laid out as a table', () => {
  const pets = (text: string) =>
    read(text).filter((f) => f.kind === 'imaging' && f.modality === 'pet_ct' && f.assertion === 'affirmed');

  it('reads each row as its own study, not the requested one nor a cardiac PET', () => {
    const ledger = [
      'IMAGING / PET LEDGER:',
      '  Date        Study                          Indication / category       Result',
      '  08/28/2023  FDG PET/CT skull base-thigh    Initial staging (PI)         nodal uptake',
      '  04/22/2025  CT chest/abdomen/pelvis        Surveillance (CT, not PET)   NED',
      '  10/20/2025  FDG PET/CT skull base-thigh    Surveillance (PS #2)         NED',
      '  -> Requested: FDG PET/CT whole body = PS #3 for this cancer.',
      '  (Separate: 2019 cardiac PET/CT myocardial perfusion - not counted.)',
    ].join('\n');
    expect(pets(ledger).map((f) => f.date)).toEqual(['2023-08-28', '2025-10-20']);
  });

  it('reads a row that opens on its date under a heading line as its own study', () => {
    const ledger = [
      'Imaging since she finished pembrolizumab',
      '  04/10/2025  PET/CT skull base-thigh ........ no evidence of disease',
      '  10/14/2025  CT chest/abd/pelvis w/ contrast .. NED',
    ].join('\n');
    expect(pets(ledger).map((f) => f.date)).toEqual(['2025-04-10']);
  });
});

describe('what a conditional or an order says about stage and studies', () => {
  it('keeps a stage stated under "if" out of the cancer, even in a sentence that does not name it', () => {
    const stages = read(
      'Melanoma of the left upper back. Stage is therefore at least IB; if SLN #2 is positive she would be pathologic stage IIIA or higher.',
    ).flatMap((f) => (f.kind === 'cancer' && f.stage !== undefined ? [f.stage] : []));
    expect(stages).toEqual([]);
  });

  it('reads everything after "If SLN positive:" or "Alternative:" as conditional, past its semicolons', () => {
    const phases = read(
      'Melanoma of the left upper back.\n3. If SLN positive: review adjuvant options; nodal basin ultrasound surveillance.',
    ).filter((f) => f.kind === 'treatment_phase');
    expect(phases.map((f) => f.assertion)).toEqual(['hypothetical']);
    const offered = read(
      'Melanoma of the left calf.\n- Alternative: nodal basin US surveillance q3-4 mo - will order regardless.',
    ).filter((f) => f.kind === 'treatment_phase');
    expect(offered.map((f) => f.assertion)).toEqual(['hypothetical']);
  });

  it('reads a PET/CT that is this request, however the sentence counts it, as not done', () => {
    const facts = read(
      'Melanoma of the left arm. The 09/24/2026 denial counts this request as the fourth subsequent-strategy PET.',
    );
    expect(pets(facts).map((f) => f.assertion)).toEqual(['hypothetical']);
  });

  it('reads a PET/CT that was ordered or approved as not done', () => {
    const facts = read(
      'Merkel cell carcinoma of the cheek. His prior dermatologist ordered a baseline PET/CT and the plan approved it on 08/28/2026.',
    );
    expect(pets(facts).map((f) => f.assertion)).toEqual(['hypothetical']);
  });

  it('reads no stage group from a Mohs layer ("Stage III: 1 section, clear") and no feature "unknown until report received"', () => {
    const cancers = read(
      'Cutaneous SCC, right temple, s/p Mohs.\nStage I: 2 sections, tumor at deep margin.\nStage III: 1 section, clear.',
    );
    expect(cancers.flatMap((f) => (f.kind === 'cancer' && f.stage ? [f.stage] : []))).toEqual([]);
    const unknown = read(
      '1. SCC R temple s/p Mohs (outside) - details of depth/perineural invasion unknown until report received.',
    );
    expect(unknown.some((f) => f.kind === 'cancer' && f.aggressiveSubtype === true)).toBe(false);
    expect(unknown.find((f) => f.kind === 'cancer')?.assertion).toBe('affirmed');
    // A bracketed list of features whose status is "unknown at this time": none of them is affirmed.
    const listed = read(
      '1. History of SCC of skin, L temple, s/p Mohs 06/2026 - details of tumor (depth, differentiation, perineural invasion, margin status) unknown at this time.',
    );
    expect(listed.some((f) => f.kind === 'cancer' && f.aggressiveSubtype === true)).toBe(false);
    expect(listed.find((f) => f.kind === 'cancer')?.assertion).toBe('historical');
  });

  it('does not read a diagnosis the clinician withholds ("cannot call this nodal disease until FNA is back")', () => {
    const withheld = read(
      'Invasive melanoma R calf, pT2a. Cannot call this nodal disease until FNA is back; differential still includes reactive node.',
    );
    expect(
      withheld.some((f) => f.kind === 'cancer' && f.nodalStatus === 'positive' && f.assertion === 'affirmed'),
    ).toBe(false);
  });
});

describe('a cancer the record raises without establishing it', () => {
  const merkel = (text: string) =>
    read(text).flatMap((f) => (f.kind === 'cancer' && f.cancerType === 'merkel_cell' ? [f.assertion] : []));

  it('reads "may well be", "clinically most consistent with … not yet established" and "would support" as open', () => {
    expect(merkel('The pathologist said it may well be a Merkel cell carcinoma.')).toEqual(['uncertain']);
    expect(
      merkel(
        'Dermal neoplasm of the left cheek - clinically most consistent with Merkel cell carcinoma, but the diagnosis is not yet established.',
      ),
    ).toEqual(['uncertain']);
    expect(merkel('A CK20 dot-positive / TTF-1 negative pattern would support Merkel cell.')).toEqual(['hypothetical']);
    expect(merkel('L forearm nodule, rapidly growing - ddx Merkel cell carcinoma, amelanotic melanoma.')).toEqual([
      'uncertain',
    ]);
    expect(merkel('Final IHC could equally show Merkel cell carcinoma or poorly differentiated SCC.')).toEqual([
      'uncertain',
    ]);
    expect(merkel('Pathology: Merkel cell carcinoma, 1.4 cm, left cheek.')).toEqual(['affirmed']);
  });
});

describe('Mohs layers and requested assessments', () => {
  it('reads "Stage II: deep layer …" as a Mohs layer and a requested assessment of perineural invasion as not found', () => {
    const facts = read(
      "Stage I: 2.0 x 1.8 cm, 4 sections. Stage II: deep layer incl. fascia at 3-6 o'clock. Stage III: additional deep and peripheral margin 3-7 o'clock.",
    );
    expect(facts.filter((f) => f.kind === 'cancer' && f.stage !== undefined)).toEqual([]);
    const asked = read(
      'Debulk specimen sent for permanent sections with request for assessment of tumor depth and perineural invasion of the SCC.',
    ).filter((f) => f.kind === 'cancer' && f.aggressiveSubtype === true && f.assertion === 'affirmed');
    expect(asked).toEqual([]);
    expect(read('Stage IIIA melanoma (pT2a N1a), left calf.').find((f) => f.kind === 'cancer')).toMatchObject({
      stage: 'IIIA',
    });
  });
});

describe('a recurrence that may happen', () => {
  it('is not read from "high risk for recurrence"', () => {
    const primary = read('Nodular BCC, right forearm. High risk for recurrence given chronic immunosuppression.')
      .filter((f) => f.kind === 'cancer')
      .map((f) => (f.kind === 'cancer' ? f.primary : undefined));
    expect(primary).not.toContain('recurrent');
    expect(
      read('Recurrent nodular BCC at the scar of the 2023 excision.').find((f) => f.kind === 'cancer'),
    ).toMatchObject({ primary: 'recurrent' });
  });
});

describe('what the patient read', () => {
  it('is no cancer of hers, across a line that ends on "about"', () => {
    expect(
      read('Called pt - she is anxious, read about\nMerkel cell online, asks about the scan.').filter(
        (f) => f.kind === 'cancer' && f.assertion === 'affirmed',
      ),
    ).toEqual([]);
  });
});

describe('a study called off', () => {
  it('is no prior scan', () => {
    const cancelled = pets(
      read('09/10/2025  FDG PET/CT skull base-mid thigh    CANCELLED   order cancelled 09/12/2025'),
    );
    expect(cancelled.map((f) => f.assertion)).toEqual(['negated']);
    const postponed = pets(
      read('(the surveillance PET pencilled in for July 2026 never happened - she was travelling and we postponed it)'),
    );
    expect(postponed.map((f) => f.assertion)).toEqual(['negated']);
  });
});

describe("the cancer's attributes, not another disease's or an unread report's", () => {
  const cancers = (text: string) => read(text).filter((f) => f.kind === 'cancer');
  it('leaves a problem-list stage or recurrence of another disease to that disease', () => {
    const text =
      'Melanoma of the left upper back, pT2a, WLE and SLNB 06/16. 5. CKD stage 3a. 10. Recurrent major depression, stable.';
    const facts = cancers(text);
    expect(facts.some((f) => f.kind === 'cancer' && f.stage !== undefined)).toBe(false);
    expect(facts.some((f) => f.kind === 'cancer' && f.primary === 'recurrent')).toBe(false);
    expect(
      cancers('Melanoma of the left upper back. Stage IIIB per the final pathology.').some(
        (f) => f.kind === 'cancer' && f.stage === 'IIIB',
      ),
    ).toBe(true);
  });

  it("drops the note's histologic claims while the pathology report it awaits is not received", () => {
    const claims = (text: string) =>
      cancers(text).filter((f) => f.kind === 'cancer' && (f.aggressiveSubtype === true || f.riskGroup === 'high'));
    const assessment = '1. SCC L forearm s/p Mohs - high-risk features (perineural invasion).';
    expect(claims(assessment)).toHaveLength(1);
    expect(
      claims(`PATHOLOGY: permanent sections/immunostains - report not yet received in our system. ${assessment}`),
    ).toEqual([]);
  });
});

describe('nodal spread and the staging question in words', () => {
  it('reads metastatic cSCC to the parotid and neck as nodal, and a scan to exclude distant disease as staging', () => {
    const facts = read(
      'Impression: metastatic cutaneous SCC to L parotid and L neck. PET/CT to exclude distant metastases before parotidectomy.',
    );
    const sites = facts.flatMap((f) => (f.kind === 'cancer' ? (f.metastaticSites ?? []) : []));
    expect(sites).toContain('lymph nodes');
    expect(facts.some((f) => f.kind === 'treatment_phase' && f.phase === 'staging')).toBe(true);
  });
});

describe('prior scans the record does not show done', () => {
  it('reads an order-history row left at "arrived" as unconfirmed, and a report receipt date as no scan date', () => {
    const row = pets(read('08/27/2026  NM PET/CT SKULL BASE-MIDTHIGH (FDG)    ARRIVED    no report on file'));
    expect(row.map((f) => [f.assertion, f.unconfirmed])).toEqual([['uncertain', true]]);
    const received = pets(
      read('Outside records: PET/CT report dated 10/21/2024 (Siesta Key) received 01/08/2026 - NED.'),
    );
    expect(received.map((f) => f.date)).toEqual(['2024-10-21']);
    const onIt = pets(read('New 2.1 cm liver lesion (no correlate on the 09/08/2026 PET/CT).'));
    expect(onIt.map((f) => f.assertion)).toEqual(['affirmed']);
  });
});

describe('a dated oncologic history', () => {
  it('reads the studies under an "ONCOLOGIC HISTORY" heading as done, after a diagnosis line', () => {
    const text =
      'Diagnosis: cutaneous melanoma, right calf, stage IIIB.\n\nONCOLOGIC HISTORY:\n- 01/27/2025  FDG PET/CT (initial treatment strategy, PI): no distant disease.\n- 10/15/2025  FDG PET/CT (PS): NED.';
    expect(pets(read(text)).map((f) => [f.date, f.assertion])).toEqual([
      ['2025-01-27', 'affirmed'],
      ['2025-10-15', 'affirmed'],
    ]);
  });

  it('reads "extent of disease determines resection vs systemic therapy" as a management decision', () => {
    const facts = read(
      'Melanoma stage IIIC. PET/CT for restaging (PS) - extent of disease determines resection vs systemic therapy.',
    );
    expect(facts.some((f) => f.kind === 'management_change')).toBe(true);
    // A tumor board's recommendation is a scan still to be done.
    const board = pets(
      read('07/31/2026 tumor board: restaging PET/CT, then thoracic surgery eval for metastasectomy.'),
    );
    expect(board.map((f) => f.assertion)).toEqual(['hypothetical']);
    const needed = read(
      'Restaging PET/CT whole body. Needed to decide treatment: if isolated in-transit dz -> excision; if distant dz -> systemic therapy.',
    );
    expect(needed.some((f) => f.kind === 'management_change')).toBe(true);
    const before = read(
      'Before committing to surgery we need to know whether there is distant metastatic disease; if so, systemic therapy instead.',
    );
    expect(before.some((f) => f.kind === 'management_change')).toBe(true);
  });
});

describe('a recurrence the note denies', () => {
  it('is stated absent, beside the cancer it is about', () => {
    const facts = read('Melanoma of the back, excised 2024; no clinical evidence of recurrence today.');
    expect(facts.filter((f) => f.kind === 'cancer' && f.primary === 'recurrent')).toMatchObject([
      { cancerType: 'melanoma', assertion: 'negated' },
    ]);
  });

  it('is not stated absent where the note only fears one, or names none', () => {
    const feared = read('Melanoma of the back. Suspected recurrence at the scar.');
    expect(feared.some((f) => f.kind === 'cancer' && f.primary === 'recurrent' && f.assertion === 'negated')).toBe(
      false,
    );
    expect(read('No evidence of recurrence.').filter((f) => f.kind === 'cancer')).toEqual([]);
  });
});

describe('what a report did not show, and a differential', () => {
  it('reads "No PET evidence of nodal disease" as the scan’s finding, not a scan denied', () => {
    expect(pets(read('No PET evidence of nodal or distant metastatic disease.')).map((f) => f.assertion)).not.toContain(
      'negated',
    );
  });

  it('reads "clinical concern is HIGH for Merkel cell carcinoma" as a suspicion', () => {
    const cancers = read('Clinical concern is HIGH for Merkel cell carcinoma; ddx amelanotic melanoma.').filter(
      (f) => f.kind === 'cancer',
    );
    expect(cancers.map((f) => f.assertion)).toEqual(['uncertain', 'uncertain']);
  });

  it('keeps every item of a "differential diagnosis includes" list uncertain', () => {
    const cancers = read(
      'Differential diagnosis includes Merkel cell carcinoma, poorly differentiated squamous cell carcinoma, amelanotic melanoma, and cutaneous metastasis.',
    ).filter((f) => f.kind === 'cancer');
    expect(cancers.map((f) => f.assertion)).toEqual(['uncertain', 'uncertain', 'uncertain']);
  });
});
