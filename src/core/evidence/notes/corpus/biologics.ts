// Synthetic dermatology notes for biologic step therapy: atopic dermatitis (dupilumab) and plaque psoriasis.
import { type CorpusNote, cond, fh, ms, sc, th, todo } from './types.ts';

export const BIOLOGICS: readonly CorpusNote[] = [
  {
    id: 'bio-01-ad-step-therapy',
    domain: 'biologic',
    date: '2025-06-15',
    text: `HPI: 34 yo F with severe atopic dermatitis since childhood. Failed triamcinolone 0.1% ointment x 12 weeks and tacrolimus 0.1% ointment x 8 weeks. Tried NB-UVB 3x/week x 10 weeks with minimal improvement. Cyclosporine stopped due to hypertension.
Exam: BSA 35%. EASI 28. vIGA-AD 4. Itch NRS 9/10.
Plan: Start dupilumab 600 mg load then 300 mg q2 weeks.`,
    expect: [
      cond('L20.9'),
      th('topical_corticosteroid', 'affirmed', { agent: 'triamcinolone', durationWeeks: 12, outcome: 'failed' }),
      th('topical_calcineurin_inhibitor', 'affirmed', { agent: 'tacrolimus', durationWeeks: 8, outcome: 'failed' }),
      th('phototherapy', 'affirmed', { durationWeeks: 10, outcome: 'failed', providerDirected: true }),
      th('cyclosporine', 'affirmed', { outcome: 'intolerance' }),
      ms('bsa_percent', 35),
      ms('easi', 28),
      ms('iga', 4),
      th('biologic', 'hypothetical', { agent: 'dupilumab' }),
    ],
    absent: [ms('pain_score', 9), th('biologic', 'affirmed', { durationWeeks: 2 })],
  },
  {
    id: 'bio-02-dupilumab-renewal',
    domain: 'biologic',
    date: '2025-10-01',
    text: `Follow-up AD on Dupixent since 04/2025 with good response. EASI improved from 26 to 6; BSA now 5%. DLQI 3. No conjunctivitis.
Plan: Continue dupilumab 300 mg q2w.`,
    expect: [
      th('biologic', 'affirmed', { agent: 'dupilumab', start: '2025-04-01', durationWeeks: 26.1, outcome: 'improved' }),
      cond('L20.9'),
      ms('easi', 26, 'affirmed'),
      todo(ms('easi', 6)),
      ms('bsa_percent', 5),
      ms('dlqi', 3),
      todo(sc('affirmed', { trend: 'improving' })),
      th('biologic', 'affirmed', { agent: 'dupilumab', outcome: 'ongoing' }),
    ],
  },
  {
    id: 'bio-03-psoriasis-methotrexate',
    domain: 'biologic',
    date: '2025-03-12',
    text: `HPI: 45 yo M with chronic plaque psoriasis x 10 years. Topicals (clobetasol, calcipotriene) x 6 months with inadequate response. Methotrexate 15 mg weekly x 16 weeks, stopped due to elevated LFTs.
Exam: BSA 18%, PASI 14.2. Scalp and bilateral elbows/knees involved.
Plan: Start risankizumab; TB test negative.`,
    expect: [
      cond('L40.0'),
      sc('affirmed', { durationWeeks: 521.8, trend: 'persistent' }),
      th('topical_corticosteroid', 'affirmed', { agent: 'clobetasol', outcome: 'failed' }),
      th('topical_vitamin_d_analog', 'affirmed', { agent: 'calcipotriene', outcome: 'failed' }),
      th('methotrexate', 'affirmed', { durationWeeks: 16, outcome: 'intolerance', providerDirected: true }),
      ms('bsa_percent', 18),
      ms('pasi', 14.2),
      th('biologic', 'hypothetical', { agent: 'risankizumab' }),
    ],
  },
  {
    id: 'bio-04-pasi75-trap',
    domain: 'biologic',
    date: '2025-09-09',
    text: `Psoriasis on secukinumab x 9 months, achieved PASI 75 at week 16; current PASI 3.1, BSA 2%.
Plan: continue Cosentyx 300 mg monthly.`,
    expect: [
      cond('L40.0'),
      th('biologic', 'affirmed', { agent: 'secukinumab', durationWeeks: 39.1 }),
      ms('pasi', 3.1),
      ms('bsa_percent', 2),
      th('biologic', 'affirmed', { agent: 'secukinumab', outcome: 'ongoing' }),
    ],
    absent: [ms('pasi', 75)],
  },
  {
    id: 'bio-05-phototherapy-contraindicated',
    domain: 'biologic',
    date: '2025-02-20',
    text: `Patient cannot do phototherapy (works 2 jobs, lives 90 miles from nearest center). Apremilast x 4 months, discontinued due to diarrhea and weight loss. BSA 12%.`,
    expect: [
      th('phototherapy', 'affirmed', { outcome: 'contraindicated' }),
      th('apremilast', 'affirmed', { durationWeeks: 17.4, outcome: 'intolerance' }),
      ms('bsa_percent', 12),
    ],
    absent: [{ kind: 'red_flag', assertion: 'affirmed', flag: 'unexplained_weight_loss' }],
  },
  {
    id: 'bio-06-family-psoriasis',
    domain: 'biologic',
    date: '2025-05-05',
    text: `FH: Father and sister with psoriasis. Mother with eczema.
HPI: 28 yo M with new guttate-appearing plaques on the trunk x 3 weeks after strep throat. No personal history of psoriasis.`,
    expect: [
      fh('father', 'family', { display: 'Psoriasis vulgaris' }),
      fh('mother', 'family', { display: 'Atopic dermatitis, unspecified' }),
      sc('affirmed', { durationWeeks: 3 }),
      cond('L40.0', 'negated'),
    ],
    absent: [cond('L40.0', 'affirmed'), cond('L20.9', 'affirmed')],
  },
  {
    id: 'bio-07-ad-lists',
    domain: 'biologic',
    date: '2025-07-21',
    text: `Prior treatments:
- hydrocortisone 2.5% cream - ineffective
- mometasone 0.1% ointment x 8 wks - partial response
- pimecrolimus cream - burning, stopped
- dupilumab 16 weeks - conjunctivitis, discontinued
Current: upadacitinib 15 mg daily since 05/2025.`,
    expect: [
      th('topical_corticosteroid', 'affirmed', { agent: 'hydrocortisone', outcome: 'failed' }),
      th('topical_corticosteroid', 'affirmed', { agent: 'mometasone', durationWeeks: 8, outcome: 'failed' }),
      th('topical_calcineurin_inhibitor', 'affirmed', { agent: 'pimecrolimus', outcome: 'intolerance' }),
      th('biologic', 'affirmed', { agent: 'dupilumab', durationWeeks: 16, outcome: 'intolerance' }),
      th('jak_inhibitor', 'affirmed', { agent: 'upadacitinib', start: '2025-05-01', outcome: 'ongoing' }),
    ],
  },
  {
    id: 'bio-08-severity-scores-mixed',
    domain: 'biologic',
    date: '2025-08-30',
    text: `Skin exam: eczematous plaques on flexures, face and hands. Body surface area involved: 22%. IGA 3. EASI score of 19.4. DLQI 14. No signs of secondary infection.
Assessment: Moderate-to-severe atopic dermatitis, inadequately controlled on topicals.`,
    expect: [
      ms('bsa_percent', 22),
      ms('iga', 3),
      ms('easi', 19.4),
      ms('dlqi', 14),
      cond('L20.9'),
      th('topical_corticosteroid', 'affirmed', { outcome: 'failed' }),
    ],
  },
  {
    id: 'bio-09-psoriatic-arthritis',
    domain: 'biologic',
    date: '2025-04-28',
    text: `Plaque psoriasis with psoriatic arthritis (dactylitis R 2nd toe). On adalimumab 40 mg q2w since 2023 with loss of response over the last 6 months. BSA 9%, PASI 8.`,
    expect: [
      cond('L40.0'),
      cond('L40.50'),
      th('biologic', 'affirmed', { agent: 'adalimumab', outcome: 'failed', start: '2023-01-01' }),
      ms('bsa_percent', 9),
      ms('pasi', 8),
    ],
  },
  {
    id: 'bio-10-hypothetical-biologic',
    domain: 'biologic',
    date: '2025-01-09',
    text: `Discussed options including dupilumab or tralokinumab if no improvement with current regimen. Continue crisaborole and triamcinolone 0.1% cream bid to body. Return in 8 weeks.`,
    expect: [
      th('biologic', 'hypothetical', { agent: 'dupilumab' }),
      th('biologic', 'hypothetical', { agent: 'tralokinumab' }),
      th('topical_corticosteroid', 'affirmed', { agent: 'triamcinolone', outcome: 'ongoing' }),
      th('topical_pde4_inhibitor', 'affirmed', { agent: 'crisaborole', outcome: 'ongoing' }),
    ],
    absent: [th('biologic', 'affirmed')],
  },
  {
    id: 'bio-11-negated-therapy',
    domain: 'biologic',
    date: '2025-06-06',
    text: `HPI: Moderate plaque psoriasis, BSA 11%. Has never tried phototherapy. No prior systemic therapy or biologics. Using clobetasol 0.05% ointment bid x 3 months with partial response.`,
    expect: [
      cond('L40.0'),
      ms('bsa_percent', 11),
      th('phototherapy', 'negated'),
      th('topical_corticosteroid', 'affirmed', { agent: 'clobetasol', durationWeeks: 13, outcome: 'failed' }),
      todo(th('biologic', 'negated')),
    ],
    absent: [th('phototherapy', 'affirmed')],
  },
  {
    id: 'bio-12-html-like-headings',
    domain: 'biologic',
    date: '2025-03-31',
    text: `SUBJECTIVE
Eczema flare x 2 weeks despite daily emollients and desonide.
OBJECTIVE
BSA ~15%. vIGA 3.
ASSESSMENT/PLAN
Atopic dermatitis, moderate. Start tralokinumab if insurance approves.`,
    expect: [
      cond('L20.9'),
      sc('affirmed', { durationWeeks: 2, trend: 'persistent' }),
      th('topical_corticosteroid', 'affirmed', { agent: 'desonide', outcome: 'failed' }),
      ms('bsa_percent', 15),
      ms('iga', 3),
      th('biologic', 'hypothetical', { agent: 'tralokinumab' }),
    ],
  },
];
