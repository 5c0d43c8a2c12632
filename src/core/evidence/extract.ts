// All the facts of a record: from coded resources and from clinical note text, each with its provenance. Facts that
// depend on the order's episode (the re-evaluation after its trial) are drawn when a policy is evaluated
// (episode-evidence.ts).
import type { ClinicalRecord } from '../fhir/record.ts';
import { attestationsOutrank } from './attestation.ts';
import { settleCandidacy } from './candidacy.ts';
import { extractCodedFacts } from './coded.ts';
import { contestDeficits } from './contested-findings.ts';
import { contestDoubtedHistory } from './doubted-history.ts';
import { contestUnconfirmedDiagnosis } from './unconfirmed-diagnosis.ts';
import { dateCopiedForward } from './copy-forward.ts';
import { linkCourseOutcomes } from './course-outcomes.ts';
import type { Fact } from './fact.ts';
import { currentMeasures } from './measure-current.ts';
import { longstandingFlags } from './longstanding-flags.ts';
import { refuteCorrectedFlags, refuteDeniedDiagnoses } from './refuted-diagnosis.ts';
import { inheritReportSite } from './report-site.ts';
import { restatedMeasures } from './restated-measures.ts';
import { progressiveDeficits, settledProgressions } from './neuro-progression.ts';
import { checkQuotedFindings } from './quoted-findings.ts';
import { setAsideUntakenOrders } from './never-taken.ts';
import { extractNoteFacts, type TriggerCache } from './notes/index.ts';
import { codedScreeningTests, dateUndatedScreens } from './screening-tests.ts';
import { inheritSelfDirection } from './self-directed.ts';
import { specialtyFacts } from './specialty.ts';

export interface ExtractOptions {
  /** The order under review (its own drug order is not a course already received). */
  orderReference?: string;
}

export function extractFacts(record: ClinicalRecord, asOf: string, options: ExtractOptions = {}): Fact[] {
  const noteDates = new Map(record.notes.flatMap((n) => (n.date ? [[n.reference, n.date] as const] : [])));
  // One trigger cache per record: its notes repeat their sentences.
  const triggers: TriggerCache = new Map();
  const read = dateUndatedScreens([
    ...extractCodedFacts(record, asOf),
    ...dateCopiedForward(
      attestationsOutrank(
        record.notes.flatMap((note) => extractNoteFacts(note, triggers)),
        record.notes,
      ),
      noteDates,
      record.notes,
    ),
    ...specialtyFacts(record),
    ...codedScreeningTests(record),
  ]);
  // Each step settles what only the whole record decides (each module's top comment says what).
  const steps: readonly ((facts: readonly Fact[]) => Fact[])[] = [
    inheritReportSite,
    settleCandidacy,
    setAsideUntakenOrders,
    contestDeficits,
    longstandingFlags,
    contestDoubtedHistory,
    refuteDeniedDiagnoses,
    refuteCorrectedFlags,
    (current) => contestUnconfirmedDiagnosis(current, record.notes),
    (current) => checkQuotedFindings(current, record.notes),
    progressiveDeficits,
    settledProgressions,
    currentMeasures,
    restatedMeasures,
  ];
  const facts = steps.reduce<Fact[]>((current, step) => step(current), read);
  return inheritSelfDirection(
    linkCourseOutcomes(facts, {
      noteDates,
      asOf,
      ...(options.orderReference !== undefined ? { orderReference: options.orderReference } : {}),
    }),
  );
}
