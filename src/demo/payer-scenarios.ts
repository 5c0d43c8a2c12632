// How the demo's payer simulator answers, so that `npm start` shows every road a request can take: lumbar MRIs
// without contrast are pended and approved a few seconds later (by notification), MRIs with and without contrast
// are pended with a request for documents (answered from the case page), and Mohs surgery is denied as not
// medically necessary (to appeal, with its packet and peer-to-peer brief). Everything else is approved at once.
import type { ScenarioRule } from '../sim/scenarios.ts';

export const DEMO_PAYER_SCENARIOS: readonly ScenarioRule[] = [
  {
    match: { code: '72148' },
    adjudication: { kind: 'pend', decideAfterMs: 5_000, then: { kind: 'approve' } },
  },
  {
    match: { code: '72158' },
    adjudication: {
      kind: 'request_information',
      documents: [
        {
          reportType: 'OZ',
          loinc: '11506-3',
          description: 'Progress note with the neurological examination that supports the red flag',
        },
      ],
      then: { kind: 'approve' },
    },
  },
  {
    match: { code: '17311' },
    adjudication: {
      kind: 'deny',
      reasons: ['MN'],
      note: 'Not medically necessary: the documentation does not establish that the lesion meets the appropriate use criteria for Mohs surgery.',
    },
  },
];
