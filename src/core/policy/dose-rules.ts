// The ordered dose schedule against the label: payers approve "quantity within FDA dosing", so a drug ordered more
// often than its label allows (dupilumab 300 mg every week for atopic dermatitis, where the label says every two
// weeks after the loading dose) is asked to change before it is approved. The maintenance interval is read from the
// order's coded timing, else from its dosage text, after any loading dose ("600 mg once, then 300 mg every week").
import type { MedicationRequest } from '@medplum/fhirtypes';
import { durationDays } from '../evidence/course.ts';
import { orderCitation, orderResource, type RuleContext, type RuleResult } from './rule-context.ts';
import type Type from 'typebox';
import type { DoseIntervalSettings } from './rules/dose-interval.ts';

export type DoseIntervalRule = Type.Static<typeof DoseIntervalSettings>;

const WORD_NUMBER: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, six: 6, eight: 8 };

/** The interval a phrase states, in days: "every week", "q2w", "every 4 weeks", "every other week", "monthly". */
export function intervalDays(text: string): number | undefined {
  const t = text.toLowerCase();
  if (/\b(?:every other week|qow|biweekly|q2\s?wk?s?|q\s?2\s?weeks?)\b/.test(t)) return 14;
  if (/\b(?:weekly|once (?:a|per|every) week|qw|q1w|q\s?wk|q\s?week|every week)\b/.test(t)) return 7;
  if (/\b(?:monthly|once a month|every month|q\s?month)\b/.test(t)) return 28;
  const every = /\b(?:every|q)\s*(\d+|one|two|three|four|six|eight)\s*-?\s*(days?|d|weeks?|wks?|w)\b/.exec(t);
  if (every?.[1] !== undefined && every[2] !== undefined) {
    const n = WORD_NUMBER[every[1]] ?? Number(every[1]);
    return n * (every[2].startsWith('w') ? 7 : 1);
  }
  return undefined;
}

/** The maintenance interval of the order: its coded timing, else its text after a loading dose. */
function orderedInterval(order: MedicationRequest): { days: number; text: string } | undefined {
  for (const dosage of order.dosageInstruction ?? []) {
    const repeat = dosage.timing?.repeat;
    const coded =
      repeat?.period !== undefined && (repeat.frequency ?? 1) === 1
        ? durationDays({ value: repeat.period, code: repeat.periodUnit ?? 'd' })
        : undefined;
    if (coded !== undefined) return { days: coded, text: dosage.text ?? `every ${String(coded)} days` };
    const text = dosage.text;
    if (!text) continue;
    // "600 mg once, then 300 mg every week": the schedule after the load is the maintenance dose.
    const after = /\bthen\b([\s\S]*)$/i.exec(text)?.[1] ?? text;
    const days = intervalDays(after);
    if (days !== undefined) return { days, text };
  }
  return undefined;
}

/** Met when the order is dosed more often than the label's shortest maintenance interval (an exclusion). */
export function doseIntervalRule(rule: DoseIntervalRule, ctx: RuleContext): RuleResult {
  const order = orderResource(ctx);
  if (order?.resourceType !== 'MedicationRequest') return { status: 'unknown', evidence: [] };
  const interval = orderedInterval(order);
  if (!interval) return { status: 'unknown', evidence: [], reason: 'the order states no dose schedule' };
  const evidence = [orderCitation(ctx, `Order dosage: ${interval.text}`)];
  return interval.days < rule.minDays
    ? {
        status: 'met',
        evidence,
        reason: `ordered every ${String(interval.days)} days; the label's maintenance interval is every ${String(rule.minDays)} days`,
        request: `Change the order to the labelled schedule (every ${String(rule.minDays)} days after the loading dose), or document why a higher dose is needed`,
      }
    : {
        status: 'not_met',
        evidence,
        reason: `ordered every ${String(interval.days)} days, within the label's every ${String(rule.minDays)} days`,
      };
}
