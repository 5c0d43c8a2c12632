// The peer-to-peer brief as a one-page PDF for the ordering clinician: the deadline first, then the payer's
// reasons, each criterion with the strongest evidence and what is missing, and the talking points. It is rendered
// with the core's length limits, and again with tighter ones while it runs over a page.
import type { Content } from 'pdfmake/interfaces.js';
import { BRIEF_LIMITS, type BriefLimits, type PeerToPeerBrief } from '../../core/appeal-documents/index.ts';
import { renderPdf, type RenderedPdf } from './pdf.ts';

const STATUS: Record<PeerToPeerBrief['criteria'][number]['status'], string> = {
  met: 'MET',
  not_met: 'NOT MET',
  unknown: 'NOT SHOWN',
};

/** Ever tighter limits, the last of which fits the worst realistic case (one line per item). */
const TIGHTER: BriefLimits[] = [
  BRIEF_LIMITS,
  { quoteChars: 140, criteria: 7, talkingPoints: 4, missingPerCriterion: 1 },
  { quoteChars: 90, criteria: 6, talkingPoints: 3, missingPerCriterion: 1 },
  { quoteChars: 60, criteria: 5, talkingPoints: 2, missingPerCriterion: 1 },
];

function content(brief: PeerToPeerBrief): Content[] {
  const deadline = brief.deadline.at
    ? `Peer-to-peer window closes ${brief.deadline.at.slice(0, 16).replace('T', ' ')} UTC`
    : 'Peer-to-peer deadline: not known';
  return [
    { text: `Peer-to-peer brief — ${brief.service.display} (${brief.service.code})`, style: 'title' },
    {
      text: [
        `${brief.payer.name} (${brief.payer.lineOfBusiness}); decision of ${brief.deniedOn}. `,
        `For ${brief.clinician.name ?? 'the ordering clinician'}${brief.clinician.npi ? `, NPI ${brief.clinician.npi}` : ''}. `,
        brief.policy
          ? `Policy: ${brief.policy.sourceName}${brief.policy.number ? ` (${brief.policy.number})` : ''}, version ${brief.policy.version}.`
          : 'No payer policy governed this request.',
      ],
      style: 'small',
    },
    { text: deadline, bold: true, margin: [0, 6, 0, 0] },
    { text: brief.deadline.source, style: 'small' },
    { text: "The payer's stated reasons", style: 'heading' },
    { ul: brief.reasons.map((r) => r.text) },
    { text: 'Criteria: the strongest evidence and what is missing', style: 'heading' },
    {
      ul: brief.criteria.map((c) => ({
        stack: [
          { text: [{ text: `${STATUS[c.status]} `, bold: true }, c.exception ? 'Exception: ' : '', c.text] },
          ...(c.strongest
            ? [
                {
                  text: [
                    { text: `"${c.strongest.quote}"`, style: 'quote' },
                    ` — ${c.strongest.source}, ${c.strongest.date ?? 'undated'}`,
                  ],
                  style: 'small',
                } as Content,
              ]
            : []),
          ...c.missing.map((m) => ({ text: `Missing: ${m}`, style: 'small' })),
        ],
        margin: [0, 0, 0, 3],
      })),
    },
    { text: 'Talking points from the policy and guideline', style: 'heading' },
    brief.talkingPoints.length > 0 ? { ol: brief.talkingPoints } : { text: 'No policy governs this request.' },
  ];
}

/** Renders `build(limits)` with the first limits whose brief fits one page. */
export async function peerToPeerBriefPdf(build: (limits: BriefLimits) => PeerToPeerBrief): Promise<RenderedPdf> {
  let rendered: RenderedPdf | undefined;
  for (const limits of TIGHTER) {
    const brief = build(limits);
    rendered = await renderPdf(
      content(brief),
      { title: `Peer-to-peer brief ${brief.caseId}`, preparedOn: brief.preparedOn },
      9,
    );
    if (rendered.pages === 1) return rendered;
  }
  if (!rendered) throw new Error('no brief limits configured');
  return rendered;
}
