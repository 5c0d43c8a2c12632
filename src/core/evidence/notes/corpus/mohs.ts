// Synthetic dermatologic surgery notes for Mohs requests: tumour type and subtype, size, site, primary vs
// recurrent, and the patient modifiers (immunosuppression, prior radiation, genetic syndromes).
import { type CorpusNote, ca, fh, ms, rf, rk, sc, th } from './types.ts';

export const MOHS: readonly CorpusNote[] = [
  {
    id: 'mohs-01-transplant-recurrent-bcc',
    domain: 'mohs',
    date: '2025-04-14',
    text: `HPI: 71 yo M, kidney transplant recipient on tacrolimus and mycophenolate, presents with biopsy-proven recurrent infiltrative BCC of the left nasal ala, 1.2 x 0.8 cm.
Pathology: Basal cell carcinoma, nodular and infiltrative patterns, no perineural invasion.
Plan: Mohs micrographic surgery.`,
    expect: [
      rf('immunosuppression'),
      rk('organ_transplant'),
      rk('immunocompromised', 'affirmed', { detail: 'mycophenolate' }),
      th('immunosuppressant', 'affirmed', { agent: 'mycophenolate' }),
      ca('bcc', 'affirmed', {
        primary: 'recurrent',
        subtype: 'infiltrative',
        aggressiveSubtype: true,
        sizeCm: 1.2,
        anatomicSite: 'left nasal ala',
        biopsyProven: true,
      }),
      ms('lesion_size_cm', 1.2),
      ca('bcc', 'affirmed', { subtype: 'nodular, infiltrative', aggressiveSubtype: true, biopsyProven: true }),
    ],
  },
  {
    id: 'mohs-02-superficial-trunk',
    domain: 'mohs',
    date: '2025-05-20',
    text: `Bx 05/02/2025: superficial BCC, right upper back, 0.5 cm. Patient is otherwise healthy, not immunosuppressed. No history of radiation.
Assessment: Primary superficial BCC of the trunk.
Plan: ED&C vs topical imiquimod; Mohs not indicated.`,
    expect: [
      ca('bcc', 'affirmed', {
        subtype: 'superficial',
        aggressiveSubtype: false,
        sizeCm: 0.5,
        anatomicSite: 'right upper back',
      }),
      ms('lesion_size_cm', 0.5),
      rf('immunosuppression', 'negated'),
      rk('immunocompromised', 'negated'),
      rk('prior_radiation', 'negated'),
      ca('bcc', 'affirmed', { primary: 'primary', subtype: 'superficial', anatomicSite: 'trunk' }),
    ],
    absent: [rk('immunocompromised', 'affirmed'), rk('prior_radiation', 'affirmed')],
  },
  {
    id: 'mohs-03-gorlin',
    domain: 'mohs',
    date: '2025-06-02',
    text: `34 yo F with basal cell nevus syndrome (Gorlin) presents with multiple BCCs. Today: nodular BCC of the right cheek, 0.8 cm, primary. Her father also has Gorlin syndrome.`,
    expect: [
      rk('genetic_syndrome', 'affirmed', { detail: 'basal cell nevus syndrome' }),
      rk('genetic_syndrome', 'affirmed', { detail: 'gorlin' }),
      ca('bcc', 'affirmed'),
      ca('bcc', 'affirmed', {
        subtype: 'nodular',
        aggressiveSubtype: false,
        sizeCm: 0.8,
        anatomicSite: 'right cheek',
        primary: 'primary',
      }),
      ms('lesion_size_cm', 0.8),
    ],
    absent: [rk('genetic_syndrome', 'family')],
  },
  {
    id: 'mohs-04-prior-radiation-scalp',
    domain: 'mohs',
    date: '2025-02-18',
    text: `HPI: 66 yo M with history of radiation to the scalp as a child for tinea capitis. New SCC of the vertex scalp, well-differentiated, 1.5 cm, arising in previously irradiated skin.`,
    expect: [
      rk('prior_radiation', 'affirmed', { detail: 'radiation to the scalp' }),
      rk('prior_radiation', 'affirmed', { detail: 'previously irradiated skin' }),
      ca('cutaneous_scc', 'affirmed', {
        subtype: 'well-differentiated',
        aggressiveSubtype: false,
        sizeCm: 1.5,
        anatomicSite: 'vertex',
        primary: 'primary',
      }),
      ms('lesion_size_cm', 1.5),
    ],
  },
  {
    id: 'mohs-05-scc-in-situ-hand',
    domain: 'mohs',
    date: '2025-03-10',
    text: `Pathology: SCC in situ (Bowen's disease), left dorsal hand. Lesion measures 1.0 x 0.9 cm.
Assessment: SCCIS, L dorsal hand, area H.`,
    expect: [
      ca('scc_in_situ', 'affirmed', { anatomicSite: 'left dorsal hand', biopsyProven: true }),
      ca('scc_in_situ', 'affirmed', { sizeCm: 1, biopsyProven: true }),
      ms('lesion_size_cm', 1),
      ca('scc_in_situ', 'affirmed', { anatomicSite: 'left dorsal hand' }),
    ],
  },
  {
    id: 'mohs-06-lentigo-maligna',
    domain: 'mohs',
    date: '2025-08-08',
    text: `HPI: 80 yo F with lentigo maligna of the right cheek, biopsy 07/2025, 2.2 cm ill-defined macule. H/o melanoma in situ on the back 2015, excised.`,
    expect: [
      ca('melanoma_in_situ', 'affirmed', { anatomicSite: 'right cheek', sizeCm: 2.2 }),
      ms('lesion_size_cm', 2.2),
      ca('melanoma_in_situ', 'historical', { anatomicSite: 'back' }),
    ],
    absent: [ca('melanoma', 'affirmed')],
  },
  {
    id: 'mohs-07-cll-morpheaform',
    domain: 'mohs',
    date: '2025-01-22',
    text: `Assessment:
1. Morpheaform BCC, right nasolabial fold / upper lip, 0.7 cm - primary.
2. CLL, on ibrutinib - immunocompromised.
Plan: Mohs surgery; reconstruction as needed.`,
    expect: [
      ca('bcc', 'affirmed', {
        subtype: 'morpheaform',
        aggressiveSubtype: true,
        sizeCm: 0.7,
        primary: 'primary',
        anatomicSite: 'upper lip',
      }),
      ms('lesion_size_cm', 0.7),
      ca('hematologic', 'affirmed'),
      rf('cancer_history'),
      rk('immunocompromised', 'affirmed', { detail: 'cll' }),
      rk('immunocompromised', 'affirmed', { detail: 'immunocompromised' }),
      rf('immunosuppression'),
    ],
  },
  {
    id: 'mohs-08-negated-modifiers',
    domain: 'mohs',
    date: '2025-07-01',
    text: `Risk factors: No organ transplant. Not immunocompromised. No prior radiation therapy. Denies personal or family history of melanoma.
Exam: 1.1 cm pearly papule with telangiectasia on the left temple, clinically c/w nodular BCC.`,
    expect: [
      rk('organ_transplant', 'negated'),
      rf('immunosuppression', 'negated'),
      rk('immunocompromised', 'negated'),
      rk('prior_radiation', 'negated'),
      ca('melanoma', 'negated'),
      rf('cancer_history', 'negated'),
      ca('bcc', 'affirmed', { subtype: 'nodular', sizeCm: 1.1, anatomicSite: 'left temple' }),
      ms('lesion_size_cm', 1.1),
    ],
    absent: [rk('organ_transplant', 'affirmed'), rk('prior_radiation', 'affirmed'), ca('melanoma', 'affirmed')],
  },
  {
    id: 'mohs-09-recurrent-scc-ear',
    domain: 'mohs',
    date: '2025-09-09',
    text: `HPI: SCC of the right helix excised 2023, now with a recurrence at the scar, 1.4 cm. Biopsy shows invasive SCC, moderately differentiated, with perineural involvement.`,
    expect: [
      ca('cutaneous_scc', 'affirmed', { primary: 'recurrent', anatomicSite: 'right helix', sizeCm: 1.4 }),
      ms('lesion_size_cm', 1.4),
      ca('cutaneous_scc', 'affirmed', {
        biopsyProven: true,
        aggressiveSubtype: true,
        subtype: 'moderately differentiated, perineural involvement',
      }),
    ],
  },
  {
    id: 'mohs-10-xp',
    domain: 'mohs',
    date: '2025-04-04',
    text: `19 yo M with xeroderma pigmentosum. Multiple prior BCCs and SCCs treated with Mohs. New 0.4 cm BCC of the left lower eyelid.
FH: sister with XP.`,
    expect: [
      rk('genetic_syndrome', 'affirmed', { detail: 'xeroderma pigmentosum' }),
      ca('bcc', 'historical'),
      ca('cutaneous_scc', 'historical'),
      ca('bcc', 'affirmed', { sizeCm: 0.4, anatomicSite: 'left lower eyelid', primary: 'primary' }),
      ms('lesion_size_cm', 0.4),
    ],
    absent: [rk('genetic_syndrome', 'family')],
  },
  {
    id: 'mohs-11-hiv-keratoacanthoma',
    domain: 'mohs',
    date: '2025-05-15',
    text: `PMH: HIV, on ART, CD4 250. HTN.
HPI: Rapidly enlarging nodule on the right forearm x 6 weeks. Shave biopsy: well-differentiated SCC, keratoacanthoma-type, 1.8 cm.`,
    expect: [
      rf('immunosuppression'),
      rk('immunocompromised', 'affirmed', { detail: 'hiv' }),
      sc('affirmed', { durationWeeks: 6, trend: 'progressive' }),
      ca('cutaneous_scc', 'affirmed', {
        biopsyProven: true,
        sizeCm: 1.8,
        subtype: 'well-differentiated, keratoacanthoma-type',
        aggressiveSubtype: false,
      }),
      ms('lesion_size_cm', 1.8),
    ],
  },
  {
    id: 'mohs-12-family-bcc-trap',
    domain: 'mohs',
    date: '2025-10-20',
    text: `FH: mother with multiple BCCs; brother with melanoma.
HPI: 0.9 cm nodular BCC of the right ear, biopsy proven 10/01/2025. No personal history of skin cancer.`,
    expect: [
      fh('mother', 'family', { display: 'Basal cell carcinoma of skin' }),
      fh('brother', 'family', { display: 'Malignant melanoma of skin' }),
      ca('bcc', 'affirmed', { sizeCm: 0.9, subtype: 'nodular', anatomicSite: 'right ear', biopsyProven: true }),
      ms('lesion_size_cm', 0.9),
    ],
    absent: [ca('melanoma', 'affirmed'), rf('cancer_history', 'affirmed')],
  },
];
