// The Mohs part of the policy library, loaded from policies/ as in production: the 2012 AUC as the national
// fallback (commercial payers whose Mohs policies were not captured), LCD L34961 for Original Medicare and the same
// LCD criteria for Medicare Advantage plans. Records are coded FHIR resources; all data is synthetic.
import { describe, expect, it } from 'vitest';
import type { Organization, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { loadPolicyLibrary } from '../../adapters/policies/load.ts';
import { determine } from '../determination/determine.ts';
import type { Determination } from '../determination/determination.ts';
import { parseIntake } from '../intake/intake.ts';
import {
  condition,
  MEDICARE,
  measure,
  mohsOrder,
  note,
  pathologyReport,
  payer,
  requestCase,
  UHC,
} from '../../testing/fixtures.ts';

const library = loadPolicyLibrary();
const today = '2026-03-02';
const HUMANA = payer('Humana', '61101');
const AETNA = payer('Aetna', '60054');
const COMMERCIAL = '5';
const MEDICARE_ADVANTAGE = '11';
const ORIGINAL_MEDICARE = '121';

function check(org: Organization, sop: string, order: ServiceRequest, clinical: Resource[]): Determination {
  return determine(parseIntake(requestCase(org, sop, order, clinical)), library, { today }).determination;
}
const medicare = (order: ServiceRequest, clinical: Resource[]) => check(MEDICARE, ORIGINAL_MEDICARE, order, clinical);
const status = (d: Determination, id: string) => d.criteria.find((c) => c.id === id)?.status;
const reason = (d: Determination, id: string) => d.criteria.find((c) => c.id === id)?.reason ?? '';
const asks = (d: Determination) => d.missingDocumentation.map((m) => m.text).join(' | ');

const refuted = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'refuted' }] };
/** "Not immunosuppressed", coded: an immunodeficiency Condition marked refuted. */
const notImmunosuppressed = () => condition('D84.9', { verificationStatus: refuted });
const transplant = () => condition('Z94.0');
const bcc = (subtype: string, where: string) =>
  pathologyReport(`Skin, ${where}, shave biopsy: primary basal cell carcinoma, ${subtype} type.`);

describe('Mohs: AUC areas and the CPT site family', () => {
  it('Area H (nasal ala) nodular BCC meets the AUC without a size; UHC commercial falls back to the guideline and says so', () => {
    const d = check(UHC, COMMERCIAL, mohsOrder('17311', { site: 'left nasal ala', icd10: 'C44.311' }), [
      bcc('nodular', 'left nasal ala'),
    ]);
    expect(d.policy?.id).toBe('guideline-mohs-auc-2012');
    expect(d.determination).toBe('meets');
    expect(d.paRequired).toBe('unknown');
    expect(d.warnings.join()).toMatch(/UnitedHealthcare has no policy for 17311.*national guideline/);
    expect(reason(d, 'auc-appropriate')).toMatch(/Area H/);
  });

  it('does not take a size measured months before the tumour was first recorded for its size', () => {
    const path = pathologyReport('Skin, left upper arm, shave: basal cell carcinoma, nodular type.', '2026-02-10');
    const arm = mohsOrder('17313', { site: 'left upper arm', icd10: 'C44.619' });
    const stale = medicare(arm, [path, measure('lesion-size', 1.3, '2025-09-18'), transplant()]);
    expect(reason(stale, 'auc-appropriate')).toMatch(/size not documented/);
    const fresh = medicare(arm, [path, measure('lesion-size', 1.3, '2026-01-30'), transplant()]);
    expect(reason(fresh, 'auc-appropriate')).toMatch(/1\.3 cm/);
  });

  it('reads an invasive SCC arising in actinic keratosis as invasive SCC, not the AK-with-focal-SCC class', () => {
    const d = medicare(mohsOrder('17313', { site: 'left dorsal forearm', icd10: 'C44.629' }), [
      pathologyReport(
        'Skin, left dorsal forearm, shave: invasive squamous cell carcinoma, well differentiated, arising in actinic keratosis.',
      ),
    ]);
    expect(reason(d, 'auc-appropriate')).toMatch(/non-aggressive SCC/);
  });

  it('reads "actinic keratosis, hypertrophic type, with focal SCC in situ" as the AK-with-focal-SCC class', () => {
    const d = medicare(mohsOrder('17311', { site: 'right temple', icd10: 'D04.39' }), [
      pathologyReport(
        'Skin, right temple, shave: actinic keratosis, hypertrophic type, with focal squamous cell carcinoma in situ.',
      ),
    ]);
    expect(reason(d, 'auc-appropriate')).toMatch(/inappropriate.*actinic keratosis with focal SCC in situ/);
  });

  it('takes an SCC 2 mm deep for aggressive, as the AUC does, from a note that gives only its depth', () => {
    const d = medicare(mohsOrder('17313', { site: 'left dorsal forearm', icd10: 'C44.629' }), [
      pathologyReport('Skin, left dorsal forearm, shave: invasive squamous cell carcinoma, well differentiated.'),
      note('n1', 'Invasive SCC of the left dorsal forearm, 2.4 mm thick, 1.5 cm.', '2026-02-20'),
    ]);
    expect(reason(d, 'auc-appropriate')).toMatch(/aggressive SCC/);
    expect(reason(d, 'auc-appropriate')).not.toMatch(/non-aggressive/);
  });

  it('reads the hand the pathology names inside the "right upper extremity" the order names', () => {
    const d = medicare(mohsOrder('17311', { site: 'right upper extremity', icd10: 'D04.61' }), [
      pathologyReport('Skin, right dorsal hand, shave: squamous cell carcinoma in situ (Bowen disease).'),
    ]);
    expect(reason(d, 'auc-appropriate')).toMatch(/site right hand \(Area H\)/);
    expect(status(d, 'cpt-site-family')).toBe('met');
  });

  it('reads the shin the notes name inside the "right lower leg" the order names, unless the notes disagree', () => {
    const shin = medicare(mohsOrder('17313', { site: 'right lower leg', icd10: 'D04.71' }), [
      pathologyReport('Skin, right anterior shin, shave: squamous cell carcinoma in situ (Bowen disease).'),
    ]);
    expect(reason(shin, 'auc-appropriate')).toMatch(/Area M/);
    const disputed = medicare(mohsOrder('17313', { site: 'right lower leg', icd10: 'D04.71' }), [
      pathologyReport('Skin, right posterior calf, shave: squamous cell carcinoma in situ (Bowen disease).'),
      note('n1', 'Squamous cell carcinoma in situ of the right anterior shin.', '2026-02-20'),
    ]);
    expect(reason(disputed, 'auc-appropriate')).not.toMatch(/\(Area [HLM]\)/);
    // A note restating the order's words ("SCC of the right lower leg") does not dispute the shin.
    const restated = medicare(mohsOrder('17313', { site: 'right lower leg', icd10: 'D04.71' }), [
      pathologyReport('Skin, right anterior shin, shave: squamous cell carcinoma in situ (Bowen disease).'),
      note(
        'n1',
        'Referred for biopsy-proven squamous cell carcinoma in situ of the right lower leg. Squamous cell carcinoma in situ, right anterior shin, 1.0 cm.',
        '2026-02-20',
      ),
    ]);
    expect(reason(restated, 'auc-appropriate')).toMatch(/Area M/);
    // An examination that measured the lesion on the calf does.
    const measured = medicare(mohsOrder('17313', { site: 'right lower leg', icd10: 'D04.71' }), [
      pathologyReport('Skin, right anterior shin, shave: squamous cell carcinoma in situ (Bowen disease).'),
      note('n1', 'Right posterior calf: 1.0 cm scaly erythematous plaque.', '2026-02-10'),
    ]);
    expect(reason(measured, 'auc-appropriate')).not.toMatch(/\(Area [HLM]\)/);
  });

  it('cheek bills 17311 but is Area M: a primary nodular BCC there is appropriate, and the reason names the mismatch', () => {
    const d = medicare(mohsOrder('17311', { site: 'right cheek', icd10: 'C44.319' }), [bcc('nodular', 'right cheek')]);
    expect(d.policy?.id).toBe('medicare-lcd-l34961-mohs');
    expect(d.paRequired).toBe(false);
    expect(d.determination).toBe('meets');
    expect(status(d, 'cpt-site-family')).toBe('met');
    expect(reason(d, 'cpt-site-family')).toMatch(/AUC Area M \(the CPT family does not set the AUC area\)/);
  });

  it('a pretibial SCC in situ bills 17313 but is Area M, where SCC in situ is appropriate at any size', () => {
    const d = medicare(mohsOrder('17313', { site: 'left pretibial leg', icd10: 'D04.72' }), [
      pathologyReport('Skin, left pretibial leg, biopsy: squamous cell carcinoma in situ (Bowen disease).'),
    ]);
    expect(d.determination).toBe('meets');
    expect(reason(d, 'auc-appropriate')).toMatch(/Area M/);
    expect(reason(d, 'cpt-site-family')).toMatch(/17313.*pretibial.*Area M/);
  });

  it('AK with focal SCC in situ on pathology is inappropriate in every area, even when the order is coded SCC in situ', () => {
    const d = medicare(mohsOrder('17311', { site: 'right dorsal hand', icd10: 'D04.61' }), [
      pathologyReport(
        'Skin, right dorsal hand, shave: hypertrophic actinic keratosis with focal squamous cell carcinoma in situ.',
      ),
    ]);
    expect(status(d, 'auc-appropriate')).toBe('not_met');
    expect(reason(d, 'auc-appropriate')).toMatch(/actinic keratosis with focal SCC in situ/);
    expect(d.determination).toBe('does_not_meet');
  });

  it('a size measured on another lesion (the other cheek) does not size the one the order treats', () => {
    const d = medicare(mohsOrder('17311', { site: 'left cheek', icd10: 'C44.319' }), [
      pathologyReport(
        'Skin, right cheek, 1.2 cm pearly plaque, shave biopsy: nodular basal cell carcinoma.',
        '2022-04-12',
      ),
      bcc('superficial', 'left cheek'),
    ]);
    expect(reason(d, 'auc-appropriate')).toMatch(/superficial/);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(asks(d)).toMatch(/clinical diameter/);
  });

  it('a nose lesion billed 17313 (trunk, arms, legs) is a code-site mismatch: does not meet, and says to bill 17311', () => {
    const d = medicare(mohsOrder('17313', { site: 'nasal tip', icd10: 'C44.311' }), [bcc('nodular', 'nasal tip')]);
    expect(status(d, 'auc-appropriate')).toBe('met');
    expect(status(d, 'cpt-site-family')).toBe('not_met');
    expect(reason(d, 'cpt-site-family')).toMatch(/bill 17311\/17312/);
    expect(asks(d)).toMatch(/Correct the Mohs code to 17311\/17312 for the documented site \(nasal tip\)/);
    expect(d.determination).toBe('does_not_meet');
  });

  it('17311 on the upper back is a mismatch unless deep structures are involved', () => {
    const path = pathologyReport('Skin, upper back: basal cell carcinoma, infiltrative type, recurrent.');
    const plain = medicare(mohsOrder('17311', { site: 'upper back', icd10: 'C44.519' }), [path]);
    expect(status(plain, 'cpt-site-family')).toBe('not_met');
    expect(reason(plain, 'cpt-site-family')).toMatch(/bill 17313\/17314, or document involvement of muscle/);
    const deep = medicare(
      mohsOrder('17311', {
        site: 'upper back',
        icd10: 'C44.519',
        note: 'Tumour extends to the underlying muscle fascia',
      }),
      [path],
    );
    expect(status(deep, 'cpt-site-family')).toBe('met');
    expect(deep.determination).toBe('meets');
  });

  it('the site comes from the ICD-10-CM code when nothing else states it (C44.311 nose → Area H)', () => {
    const d = medicare(mohsOrder('17311', { icd10: 'C44.311' }), [condition('C44.311')]);
    // Area H rates every BCC appropriate, so neither the subtype nor the size is needed.
    expect(status(d, 'auc-appropriate')).toBe('met');
    expect(d.determination).toBe('meets');
  });

  it('an upper-limb code does not settle the area (arm is L, hand is H): the site is asked for', () => {
    const d = medicare(mohsOrder('17313', { icd10: 'C44.612' }), [condition('C44.612')]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(asks(d)).toMatch(/precise anatomic site/);
    expect(d.determination).toBe('insufficient_documentation');
  });
});

describe('Mohs: what the record affirms, read exactly', () => {
  it('a superficial BCC whose report rules out aggressive components is not rated aggressive: trunk, inappropriate', () => {
    const d = medicare(mohsOrder('17313', { site: 'right flank', icd10: 'C44.519' }), [
      pathologyReport(
        'Skin, right flank, punch biopsy: primary basal cell carcinoma, superficial type. Negative for sclerosing or infiltrative growth.',
      ),
      measure('lesion-size', 1.2),
      notImmunosuppressed(),
    ]);
    expect(reason(d, 'auc-appropriate')).toMatch(/superficial BCC/);
    expect(d.determination).toBe('does_not_meet');
  });

  it('a leg named without its surface leaves Area L or M (pretibial) open where the rating differs: asks for the site', () => {
    const d = medicare(mohsOrder('17313', { site: 'right lower leg', icd10: 'C44.721' }), [
      pathologyReport(
        'Skin, right lower leg, shave biopsy: primary invasive squamous cell carcinoma, well differentiated. No perineural invasion.',
      ),
      measure('lesion-size', 0.8),
      notImmunosuppressed(),
    ]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(asks(d)).toMatch(/precise anatomic site/);
    expect(d.determination).toBe('insufficient_documentation');
  });
});

describe('Mohs: size bands, subtypes and modifiers in Area L (trunk)', () => {
  const trunk = (cpt = '17313') => mohsOrder(cpt, { site: 'left upper back', icd10: 'C44.519' });

  it('primary superficial BCC on the trunk is not appropriate whatever the immune status (healthy: inappropriate)', () => {
    const d = medicare(trunk(), [bcc('superficial', 'left upper back'), measure('lesion-size', 1.5)]);
    expect(status(d, 'auc-appropriate')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('primary nodular BCC of 1.5 cm: the rating depends on immune status, so the record is asked for it', () => {
    const d = medicare(trunk(), [bcc('nodular', 'left upper back'), measure('lesion-size', 1.5)]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(reason(d, 'auc-appropriate')).toMatch(/depends on .*immune/);
    expect(asks(d)).toMatch(/immune status/);
    expect(asks(d)).not.toMatch(/clinical diameter/);
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('the same 1.5 cm nodular BCC meets in a transplant recipient (immunocompromised) and is uncertain when healthy', () => {
    const ic = medicare(trunk(), [bcc('nodular', 'left upper back'), measure('lesion-size', 1.5), transplant()]);
    expect(ic.determination).toBe('meets');
    expect(reason(ic, 'auc-appropriate')).toMatch(/immunocompromised/);
    const healthy = medicare(trunk(), [
      bcc('nodular', 'left upper back'),
      measure('lesion-size', 1.5),
      notImmunosuppressed(),
    ]);
    expect(healthy.determination).toBe('does_not_meet');
    expect(reason(healthy, 'auc-appropriate')).toMatch(/AUC uncertain/);
  });

  it('radiation on record but not known to reach the tumour leaves the rating open; a syndrome only tested for is none', () => {
    const clinical = [
      bcc('nodular', 'left upper back'),
      measure('lesion-size', 0.8),
      notImmunosuppressed(),
      note(
        'n-rt',
        'PRIOR RADIATION: craniospinal irradiation 2016. Whether this site lay inside the spinal radiation field is NOT yet established; field records requested. Because medulloblastoma can also occur in basal cell nevus (Gorlin) syndrome, germline testing is recommended.',
      ),
    ];
    const d = medicare(trunk(), clinical);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(asks(d)).toMatch(/radiation field/);
    const settled = medicare(trunk(), [
      ...clinical,
      note('n-rt2', 'Field records received: the lesion lies in previously irradiated skin.', '2026-03-01'),
    ]);
    expect(settled.determination).toBe('meets');
  });

  it('a subtype the pathology could not determine is not settled by a subtype told by phone or letter', () => {
    const report = pathologyReport(
      'Skin, left upper back, shave: basal cell carcinoma; superficial shave transected; histologic subtype of the lesion as a whole cannot be determined.',
    );
    const told = note('n-phone', 'The pathology confirmed a nodular BCC per my phone discussion with the lab.');
    const d = medicare(trunk(), [report, told, measure('lesion-size', 2.5), notImmunosuppressed()]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(asks(d)).toMatch(/histologic subtype/);
  });

  it("a size stated for another lesion ('L dorsal forearm', 'Lesion B: SCC in situ, 1.4 cm') does not size this BCC", () => {
    const arm = mohsOrder('17313', { site: 'right posterior upper arm', icd10: 'C44.612' });
    const d = medicare(arm, [
      bcc('nodular', 'right posterior upper arm'),
      notImmunosuppressed(),
      note(
        'n-two',
        'L dorsal forearm: 1.4 x 1.1 cm pink scaly plaque at biopsy site. Lesion B: primary SCC in situ, Area L, 1.4 cm.',
      ),
    ]);
    expect(reason(d, 'auc-appropriate')).toMatch(/size not documented|depends on/);
    expect(reason(d, 'auc-appropriate')).not.toMatch(/1\.4 cm/);
  });

  it('radiation told with its denial at this site in the same sentence is no irradiated skin', () => {
    const arm = mohsOrder('17313', { site: 'left upper arm', icd10: 'C44.619' });
    const clinical = [bcc('nodular', 'left upper arm'), measure('lesion-size', 0.8), notImmunosuppressed()];
    const told = (text: string) => medicare(arm, [...clinical, note('n-rt', text)]);
    expect(reason(told('Prior radiation to the left arm (2019).'), 'auc-appropriate')).toMatch(/irradiated skin/);
    const denied = told('Prior radiation was to the pelvis only (IMRT 2022) - the arm was never irradiated.');
    expect(reason(denied, 'auc-appropriate')).not.toMatch(/irradiated skin/);
  });

  it('a subtype the pathology still has pending (deeper levels, an addendum) leaves the AUC class open', () => {
    const pending = pathologyReport(
      'Skin, left upper back, shave biopsy: basal cell carcinoma, nodular type; deeper levels requested, addendum to follow.',
    );
    const d = medicare(trunk(), [pending, measure('lesion-size', 1.5), notImmunosuppressed()]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('a diagnosis whose final pathology is awaited after a preliminary read is not yet biopsy-proven', () => {
    const preliminary = pathologyReport(
      'Skin, left upper back, shave biopsy, PRELIMINARY: basal cell carcinoma, nodular type; final report to follow.',
    );
    const d = medicare(trunk(), [preliminary, measure('lesion-size', 2.5), notImmunosuppressed()]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('a cause of immunosuppression still under work-up leaves the immune status open, whatever else is denied', () => {
    const provisional = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' }],
    };
    const d = medicare(trunk(), [
      bcc('nodular', 'left upper back'),
      measure('lesion-size', 1.5),
      notImmunosuppressed(),
      condition('C91.10', { verificationStatus: provisional }),
    ]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(d.determination).toBe('insufficient_documentation');
  });

  it('an immunosuppression a newer note only questions is open; a plan that names it is no question', () => {
    const older = note('n-old', 'Immunosuppressed on MTX for RA - continue annual skin exams.', '2025-06-01');
    const questioned = medicare(trunk(), [
      bcc('nodular', 'left upper back'),
      measure('lesion-size', 1.5),
      older,
      note(
        'n-new',
        'She thinks MTX was stopped. If immunosuppressed, Mohs is appropriate; if on HCQ alone, uncertain.',
      ),
    ]);
    expect(status(questioned, 'auc-appropriate')).toBe('unknown');
    expect(questioned.determination).toBe('insufficient_documentation');
    const planned = medicare(trunk(), [
      bcc('nodular', 'left upper back'),
      measure('lesion-size', 1.5),
      older,
      note('n-new', 'Rheumatology has no plans to change immunosuppression.'),
    ]);
    expect(status(planned, 'auc-appropriate')).toBe('met');
  });

  it('a "recurrence" whose only earlier tumour was on the other side is a primary tumour', () => {
    const thigh = mohsOrder('17313', { site: 'left anterior thigh', icd10: 'C44.719' });
    const d = medicare(thigh, [
      note('n-derm', 'BCC R lateral thigh tx w/ ED&C 3/2024. Scar benign, NED.', '2026-06-16'),
      bcc('nodular', 'left anterior thigh'),
      note('n-mohs', 'Dx: recurrent BCC of the thigh (referral dx).', '2026-07-07'),
      measure('lesion-size', 0.8),
      notImmunosuppressed(),
    ]);
    expect(reason(d, 'auc-appropriate')).toMatch(/primary nodular BCC/);
    expect(status(d, 'auc-appropriate')).toBe('not_met');
  });

  it('an examination that only asks whether the patient is on immunosuppressive therapy leaves the status open', () => {
    const d = medicare(trunk(), [
      bcc('nodular', 'left upper back'),
      measure('lesion-size', 1.5),
      note('n1', 'Immunologic: Immunocompromised: No. If on active immunosuppressive therapy, Mohs indicated per AUC.'),
    ]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
  });

  it('size bands: nodular BCC > 2 cm meets, 0.8 cm does not (healthy or not), size in mm is converted', () => {
    expect(medicare(trunk(), [bcc('nodular', 'left upper back'), measure('lesion-size', 2.4)]).determination).toBe(
      'meets',
    );
    const small = medicare(trunk(), [bcc('nodular', 'left upper back'), measure('lesion-size', 8, '2026-02-20', 'mm')]);
    expect(status(small, 'auc-appropriate')).toBe('not_met');
    expect(reason(small, 'auc-appropriate')).toMatch(/0\.8 cm \(0\.6–1\.0 cm\)/);
  });

  it('without a size, a primary nodular trunk BCC asks for the clinical diameter', () => {
    const d = medicare(trunk(), [bcc('nodular', 'left upper back')]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(asks(d)).toMatch(/clinical diameter of the lesion in cm/);
  });

  it('aggressive BCC (infiltrative): appropriate from 0.6 cm, uncertain at ≤ 0.5 cm', () => {
    const path = () => bcc('infiltrative', 'left upper back');
    expect(medicare(trunk(), [path(), measure('lesion-size', 0.8)]).determination).toBe('meets');
    const tiny = medicare(trunk(), [path(), measure('lesion-size', 0.4)]);
    expect(tiny.determination).toBe('does_not_meet');
    expect(reason(tiny, 'auc-appropriate')).toMatch(/uncertain/);
  });

  it('recurrent BCC: nodular meets, superficial does not (Condition clinicalStatus recurrence)', () => {
    const recurrence = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'recurrence' }],
    };
    const nodular = medicare(trunk(), [
      condition('C44.519', { clinicalStatus: recurrence }),
      bcc('nodular', 'upper back'),
    ]);
    expect(nodular.determination).toBe('meets');
    const superficial = medicare(trunk(), [
      condition('C44.519', { clinicalStatus: recurrence }),
      bcc('superficial', 'upper back'),
    ]);
    expect(superficial.determination).toBe('does_not_meet');
  });

  it('a recurrence the record doubts is settled by the pathology or the prior treatment, not by a bare "recurrent BCC"', () => {
    const doubt = note('n-1', 'A/P: r/o BCC, possibly recurrent at prior tx site. Shave bx.', '2026-02-10');
    const bare = note('n-2', 'Dx: recurrent BCC, nodular, upper back. Prior records requested, not yet received.');
    const path = pathologyReport('Skin, upper back, shave biopsy: basal cell carcinoma, nodular type.');
    const unsettled = medicare(trunk(), [path, doubt, bare]);
    expect(unsettled.determination).toBe('insufficient_documentation');
    expect(reason(unsettled, 'auc-appropriate')).toMatch(/primary\/recurrent not stated/);
    const shown = note('n-3', 'Recurrent nodular BCC of the upper back within the prior ED&C scar.');
    expect(medicare(trunk(), [path, doubt, shown]).determination).toBe('meets');
  });

  it('previously irradiated skin makes any BCC appropriate (Z92.3 personal history of irradiation)', () => {
    const d = medicare(trunk(), [
      bcc('superficial', 'left upper back'),
      measure('lesion-size', 0.4),
      condition('Z92.3'),
    ]);
    expect(d.determination).toBe('meets');
    expect(reason(d, 'auc-appropriate')).toMatch(/previously irradiated skin/);
  });

  it('radiation the record places elsewhere (prostate, pelvis) did not irradiate an arm: the modifier does not apply', () => {
    const pelvis = (display: string) =>
      condition('Z92.3', {
        code: {
          coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'Z92.3', display }],
          text: display,
        },
      });
    const arm = mohsOrder('17313', { site: 'right upper arm', icd10: 'C44.619' });
    const record = (history: Resource) => [
      bcc('nodular', 'right upper arm'),
      measure('lesion-size', 0.8),
      notImmunosuppressed(),
      history,
    ];
    const elsewhere = medicare(arm, record(pelvis('History of external beam radiation - prostate/pelvis (2019)')));
    expect(reason(elsewhere, 'auc-appropriate')).not.toMatch(/irradiated/);
    expect(elsewhere.determination).toBe('does_not_meet');
    // The same history without a field may have been the arm's: it still counts.
    expect(medicare(arm, record(pelvis('History of irradiation'))).determination).toBe('meets');
  });

  it('a status the record leaves open (primary vs recurrent: undetermined) is not closed by the order, and scar fibrosis is no fibrosing BCC', () => {
    const back = mohsOrder('17313', { site: 'right upper back', icd10: 'C44.519', note: 'Recurrent nodular BCC' });
    const path = pathologyReport(
      'Skin, right upper back, shave biopsy: basal cell carcinoma, nodular type; dermal fibrosis at base, possibly scar.',
    );
    const clinical = [path, measure('lesion-size', 1.5), notImmunosuppressed()];
    const open = medicare(back, [
      ...clinical,
      note('n-st', 'Nodular BCC, R upper back, 1.5 cm. Primary vs recurrent: UNDETERMINED, outside records awaited.'),
    ]);
    expect(reason(open, 'auc-appropriate')).toMatch(/depends on what is not documented \(status\).*nodular BCC/);
    expect(open.determination).toBe('insufficient_documentation');
    // An assessment that weighs a new primary against a recurrence leaves it open too.
    const weighed = medicare(back, [
      ...clinical,
      note('n-st', 'Nodular BCC R upper back, 1.5 cm - recurrent vs new primary?'),
    ]);
    expect(weighed.determination).toBe('insufficient_documentation');
    // A template's header answered in its column is no open question.
    const answered = medicare(back, [
      ...clinical,
      note('n-st', 'Primary nodular BCC, R upper back, 1.5 cm. Primary or recurrent: primary.'),
    ]);
    expect(reason(answered, 'auc-appropriate')).toMatch(/primary nodular BCC/);
  });

  it("a recurrence and a radiation field the record places at another part are not the chest tumour's", () => {
    const chest = mohsOrder('17313', { site: 'chest', icd10: 'C44.519', note: 'Recurrent BCC, prior XRT' });
    const record = [
      pathologyReport('Skin, mid chest, shave: basal cell carcinoma, nodular type.', '2026-02-10'),
      measure('lesion-size', 0.8),
      notImmunosuppressed(),
      note(
        'n-hx',
        'Pt has a hx of RECURRENT BCC (L shoulder - ED&C 2022, recurred, excised 3/2025) and hx of prior radiation therapy (prostate, 2018).',
      ),
    ];
    const d = medicare(chest, record);
    expect(reason(d, 'auc-appropriate')).not.toMatch(/irradiated|recurrent nodular/);
  });

  it('an addendum after a preliminary read settles the pathology the preliminary left pending', () => {
    const prelim = note(
      'n-pre',
      'Called patient with preliminary biopsy result: basal cell carcinoma, nodular type.',
      '2026-02-10',
    );
    const addendum = note(
      'n-add',
      'ADDENDUM 02/13/2026: deeper levels show infiltrative component (nodular + infiltrative BCC), left upper back.',
      '2026-02-13',
    );
    const path = pathologyReport(
      'Skin, left upper back: Amended: basal cell carcinoma, nodular and infiltrative types.',
      '2026-02-13',
    );
    const d = medicare(trunk(), [path, prelim, addendum, measure('lesion-size', 0.7), notImmunosuppressed()]);
    expect(d.determination).toBe('meets');
    expect(reason(d, 'auc-appropriate')).toMatch(/aggressive BCC/);
  });

  it('a recurrence the record doubted is settled by a dated prior treatment of the tumour', () => {
    const scalp = mohsOrder('17311', { site: 'left parietal scalp', icd10: 'C44.41' });
    const path = pathologyReport(
      'Skin, left parietal scalp, shave: basal cell carcinoma, superficial type.',
      '2026-02-10',
    );
    const doubt = note('n-1', 'Papule within scar, left parietal scalp - r/o recurrent BCC. Biopsy.', '2026-02-01');
    const records = note(
      'n-2',
      'Outside records: superficial BCC of the left parietal scalp treated with ED&C on 01/15/2025. Assessment: recurrent superficial BCC, left parietal scalp, 0.5 cm.',
      '2026-02-20',
    );
    const d = medicare(scalp, [path, doubt, records, notImmunosuppressed()]);
    expect(reason(d, 'auc-appropriate')).toMatch(/recurrent superficial BCC/);
  });

  it('an aggressive pattern the pathology leaves open keeps the subtype open; a punch size is no lesion size', () => {
    const open = pathologyReport(
      'Skin, left upper back: BCC, superficial and nodular patterns; infiltrative component at the deep edge cannot be confirmed or excluded.',
    );
    const d = medicare(trunk(), [open, measure('lesion-size', 1.5), notImmunosuppressed()]);
    expect(reason(d, 'auc-appropriate')).toMatch(/depends on what is not documented \(subtype/);
    const punch = note(
      'n-punch',
      'Primary nodular BCC, left upper back; biopsy (4 mm punch) 01/08/26 is the only treatment.',
    );
    const sized = medicare(trunk(), [bcc('nodular', 'left upper back'), punch, notImmunosuppressed()]);
    expect(reason(sized, 'auc-appropriate')).not.toMatch(/0\.4 cm/);
  });

  it('a site the newest note doubts sets no AUC area until a later note confirms it', () => {
    const hand = mohsOrder('17311', { site: 'left dorsal hand', icd10: 'C44.619' });
    const clinical = [bcc('nodular', 'left dorsal hand'), notImmunosuppressed()];
    const doubt = note(
      'n-doubt',
      'Primary nodular BCC, left dorsal hand vs distal dorsal forearm at the wrist - exact location not confirmed.',
      '2026-02-20',
    );
    const d = medicare(hand, [...clinical, doubt]);
    expect(reason(d, 'auc-appropriate')).toMatch(/area not settled/);
    expect(d.determination).toBe('insufficient_documentation');
    const confirmed = note(
      'n-ok',
      'Nodular BCC of the left dorsal hand, 0.8 cm; biopsy site confirmed on the photograph.',
      '2026-02-25',
    );
    expect(reason(medicare(hand, [...clinical, doubt, confirmed]), 'auc-appropriate')).toMatch(/Area H/);
  });

  it('a pelvic field is not the skin of the upper back, and radiation told without a field is that same course', () => {
    const back = mohsOrder('17313', { site: 'left upper back', icd10: 'C44.519' });
    const record = (...texts: string[]) => [
      bcc('superficial', 'left upper back'),
      measure('lesion-size', 1.8),
      notImmunosuppressed(),
      ...texts.map((text, i) => note(`n-rt${String(i)}`, text)),
    ];
    const elsewhere = medicare(
      back,
      record(
        'Radiation history: yes - prostate/pelvis 2015; no radiation to the chest, back or skin elsewhere.',
        'Prior radiation therapy: YES. Prior radiation history noted as a modifier.',
      ),
    );
    expect(reason(elsewhere, 'auc-appropriate')).not.toMatch(/irradiated/);
    expect(elsewhere.determination).toBe('does_not_meet');
    // A lower-back tumour lies in a pelvic field; a chest wall field crosses the back.
    const low = mohsOrder('17313', { site: 'left lower back', icd10: 'C44.519' });
    const lowRecord = [bcc('superficial', 'left lower back'), measure('lesion-size', 1.8), notImmunosuppressed()];
    expect(medicare(low, [...lowRecord, note('n-rt', 'Prior radiation to the pelvis (2015).')]).determination).toBe(
      'meets',
    );
    expect(medicare(back, record('Prior radiation to the left chest wall (2012).')).determination).toBe('meets');
  });

  it('a later note that puts the lesion outside the irradiated skin outranks the coded history of radiation', () => {
    const record = (text: string) => [
      bcc('nodular', 'left upper back'),
      measure('lesion-size', 0.8),
      condition('Z92.3', { onsetDateTime: '2018-10-30' }),
      note('n-mohs', text, '2026-02-20'),
    ];
    const outside = medicare(
      trunk(),
      record(
        'Modifiers: hx XRT - R breast field only; lesion L scapular back, not in irradiated skin. Not immunosuppressed.',
      ),
    );
    expect(reason(outside, 'auc-appropriate')).not.toMatch(/irradiated/);
    expect(outside.determination).not.toBe('meets');
    // "Not favored in irradiated skin" speaks of the treatment: the skin is still irradiated.
    const inside = medicare(
      trunk(),
      record('The BCC lies within the irradiated field. Topicals/ED&C not favored in irradiated skin.'),
    );
    expect(reason(inside, 'auc-appropriate')).toMatch(/previously irradiated skin/);
  });

  it('SCC on the trunk: aggressive (poorly differentiated) meets at any size; well-differentiated 0.8 cm in a healthy patient does not', () => {
    const scc = (text: string) =>
      pathologyReport(`Skin, right flank, excision: primary squamous cell carcinoma, ${text}.`);
    const order = mohsOrder('17313', { site: 'right flank', icd10: 'C44.529' });
    expect(medicare(order, [scc('poorly differentiated'), measure('lesion-size', 0.5)]).determination).toBe('meets');
    const low = medicare(order, [scc('well differentiated'), measure('lesion-size', 0.8), notImmunosuppressed()]);
    expect(low.determination).toBe('does_not_meet');
    const mid = medicare(order, [scc('well differentiated'), measure('lesion-size', 1.5), transplant()]);
    expect(mid.determination).toBe('meets');
  });
});

describe('Mohs: exclusions, unrated tumours, silent records and payers', () => {
  it('actinic keratosis with focal SCC in situ is inappropriate even on the nose', () => {
    const d = medicare(mohsOrder('17311', { site: 'nasal dorsum', icd10: 'D04.39' }), [
      pathologyReport('Skin, nasal dorsum: actinic keratosis with focal squamous cell carcinoma in situ.'),
    ]);
    expect(status(d, 'auc-appropriate')).toBe('not_met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('an order for actinic keratosis (L57.0) is excluded under the LCD', () => {
    const d = medicare(mohsOrder('17311', { site: 'forehead', icd10: 'L57.0' }), [condition('L57.0')]);
    expect(status(d, 'actinic-keratosis')).toBe('met');
    expect(d.determination).toBe('does_not_meet');
  });

  it('a silent record asks for the pathology, site, size, status and immune status', () => {
    const d = medicare(mohsOrder('17313'), []);
    expect(d.determination).toBe('insufficient_documentation');
    expect(status(d, 'mohs-tumour')).toBe('unknown');
    expect(asks(d)).toMatch(/biopsy pathology/);
    expect(asks(d)).toMatch(/clinical diameter/);
  });

  it('invasive melanoma is not rated by the encoded AUC scenarios: unknown with that reason, never a guess', () => {
    const d = medicare(mohsOrder('17311', { site: 'left ear', icd10: 'C43.22' }), [condition('C43.22')]);
    expect(status(d, 'auc-appropriate')).toBe('unknown');
    expect(reason(d, 'auc-appropriate')).toMatch(/do not rate melanoma/);
  });

  it('lentigo maligna on the cheek (Area M) is appropriate', () => {
    const d = medicare(mohsOrder('17311', { site: 'left malar cheek', icd10: 'D03.39' }), [condition('D03.39')]);
    expect(d.determination).toBe('meets');
  });

  it('a Humana Medicare Advantage member is judged on the LCD criteria, with PA left unknown', () => {
    const d = check(HUMANA, MEDICARE_ADVANTAGE, mohsOrder('17313', { site: 'upper back', icd10: 'C44.519' }), [
      bcc('superficial', 'upper back'),
      measure('lesion-size', 0.9),
    ]);
    expect(d.policy?.id).toBe('medicare-advantage-lcd-mohs');
    expect(d.paRequired).toBe('unknown');
    expect(d.determination).toBe('does_not_meet');
  });

  it('identical records: Aetna commercial (AUC guideline) and Original Medicare (LCD) agree on a cheek BCC of 0.4 cm in a healthy patient', () => {
    const record = () => [bcc('superficial', 'left cheek'), measure('lesion-size', 0.4), notImmunosuppressed()];
    const order = () => mohsOrder('17311', { site: 'left cheek', icd10: 'C44.319' });
    const aetna = check(AETNA, COMMERCIAL, order(), record());
    const cms = medicare(order(), record());
    expect(aetna.policy?.id).toBe('guideline-mohs-auc-2012');
    expect(cms.policy?.id).toBe('medicare-lcd-l34961-mohs');
    for (const d of [aetna, cms]) {
      expect(status(d, 'auc-appropriate')).toBe('not_met');
      expect(reason(d, 'auc-appropriate')).toMatch(/uncertain/);
    }
  });

  it('the same cheek lesion in an immunocompromised patient (on oral tacrolimus) is appropriate', () => {
    const tacrolimus: Resource = {
      resourceType: 'MedicationStatement',
      id: 'med-tac',
      status: 'active',
      subject: { reference: 'Patient/pat-1' },
      medicationCodeableConcept: { text: 'tacrolimus 1 MG Oral Capsule' },
      effectivePeriod: { start: '2020-01-01' },
    };
    const d = medicare(mohsOrder('17311', { site: 'left cheek', icd10: 'C44.319' }), [
      bcc('superficial', 'left cheek'),
      measure('lesion-size', 0.4),
      tacrolimus,
    ]);
    expect(d.determination).toBe('meets');
  });
});

describe('Mohs: remaining paths of the guideline and Medicare Advantage files', () => {
  it('guideline: a nodular trunk BCC without size or immune status is insufficient (UHC commercial)', () => {
    const d = check(UHC, COMMERCIAL, mohsOrder('17313', { site: 'chest', icd10: 'C44.519' }), [
      bcc('nodular', 'chest'),
    ]);
    expect(d.policy?.id).toBe('guideline-mohs-auc-2012');
    expect(d.determination).toBe('insufficient_documentation');
    expect(d.missingDocumentation.map((m) => m.id)).toEqual(['auc-appropriate']);
  });

  it('Medicare Advantage: an ear SCC meets; a silent record is insufficient', () => {
    const ear = check(HUMANA, MEDICARE_ADVANTAGE, mohsOrder('17311', { site: 'right helix', icd10: 'C44.221' }), [
      pathologyReport('Skin, right helix: primary squamous cell carcinoma, moderately differentiated.'),
    ]);
    expect(ear.policy?.id).toBe('medicare-advantage-lcd-mohs');
    expect(ear.determination).toBe('meets');
    const silent = check(HUMANA, MEDICARE_ADVANTAGE, mohsOrder('17311'), []);
    expect(silent.determination).toBe('insufficient_documentation');
  });

  it('a primary/recurrent status the rating depends on is asked for (superficial BCC on the trunk, no status)', () => {
    const d = medicare(mohsOrder('17313', { site: 'upper back', icd10: 'C44.519' }), [
      pathologyReport('Skin, upper back: basal cell carcinoma, superficial type.'),
      measure('lesion-size', 1.4),
      transplant(),
    ]);
    // Primary superficial in the immunocompromised is uncertain, recurrent superficial inappropriate: not appropriate
    // either way, so nothing is asked and the answer is no.
    expect(status(d, 'auc-appropriate')).toBe('not_met');
    const nodular = medicare(mohsOrder('17313', { site: 'upper back', icd10: 'C44.519' }), [
      pathologyReport('Skin, upper back: basal cell carcinoma, nodular type.'),
      measure('lesion-size', 0.8),
      notImmunosuppressed(),
    ]);
    // Primary nodular 0.8 cm in a healthy patient is inappropriate, recurrent nodular appropriate: ask.
    expect(status(nodular, 'auc-appropriate')).toBe('unknown');
    expect(asks(nodular)).toMatch(/primary or recurrent/);
  });
});
