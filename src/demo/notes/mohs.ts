// Note template for the Mohs surgery consult.
import type { PatientInfo } from '../builders/admin.ts';
import type { NoteSection } from '../builders/note.ts';
import { usDate } from '../builders/note.ts';
import { ageSex } from '../scenarios/common.ts';

export interface MohsConsult {
  patient: PatientInfo;
  site: string;
  area: string;
  biopsyDate: string;
  pathology: string;
  sizeCm: string;
  months: number;
}

export function mohsConsultSections(v: MohsConsult): NoteSection[] {
  return [
    { heading: 'Reason for Visit', lines: [`Mohs consultation, biopsy-proven BCC of the ${v.site}.`] },
    {
      heading: 'HPI',
      lines: [
        `${ageSex(v.patient)} with a lesion of the ${v.site} present ~${v.months} months, occasionally bleeds. Shave biopsy ${usDate(v.biopsyDate)}: ${v.pathology}`,
        'No prior treatment to this site. No hx of radiation, organ transplant or immunosuppressive medication.',
      ],
    },
    {
      heading: 'Physical Exam',
      lines: [
        `${v.sizeCm} cm pearly papule with telangiectasia and central crust on the ${v.site}; biopsy site healing. No cervical lymphadenopathy.`,
      ],
    },
    { heading: 'Assessment', lines: [`Primary basal cell carcinoma, ${v.site} (AUC area ${v.area}), ${v.sizeCm} cm.`] },
    {
      heading: 'Plan',
      lines: [
        '- Mohs micrographic surgery (CPT 17311), repair to be determined by final defect.',
        '- Risks, benefits and alternatives (excision, ED&C, radiation) discussed; pt elects Mohs.',
      ],
    },
  ];
}
