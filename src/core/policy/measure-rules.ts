// Rules over numbers and sites: a clinical measure against a threshold (BSA %, EASI, IGA, PASI, DLQI, lesion size),
// the patient's age, and the body regions a skin disease involves. A measured value outside the range is a
// contradiction (not_met); no measurement at all is silence (unknown).
import { bodyRegionsOf } from '../evidence/codesets.ts';
import { daysBetween } from '../evidence/dates.ts';
import type { ConditionFact, DemographicFact, MeasurementFact, SiteExamFact } from '../evidence/fact.ts';
import { citation, newestDate, type RuleContext, type RuleResult } from './rule-context.ts';
import type Type from 'typebox';
import type { MeasurementSettings } from './rules/measurement.ts';
import type { AgeSettings } from './rules/age.ts';
import type { InvolvedSiteSettings } from './rules/involved-site.ts';

export type MeasurementRule = Type.Static<typeof MeasurementSettings>;

const describeRange = (rule: { min?: number; max?: number }, unit: string): string => {
  const u = unit === '{score}' ? '' : unit === '%' ? '%' : ` ${unit}`;
  if (rule.min !== undefined && rule.max !== undefined) return `between ${rule.min}${u} and ${rule.max}${u}`;
  if (rule.min !== undefined) return `at least ${rule.min}${u}`;
  if (rule.max !== undefined) return `at most ${rule.max}${u}`;
  return 'documented';
};

const label = (name: string): string =>
  ({
    bsa_percent: 'BSA',
    easi: 'EASI',
    iga: 'IGA',
    pasi: 'PASI',
    dlqi: 'DLQI',
    lesion_size_cm: 'lesion size',
  })[name] ?? name.replace(/_/g, ' ');

/** The latest measurement decides (the current state); undated ones count after dated ones of the same day. */
export function measurementRule(rule: MeasurementRule, ctx: RuleContext): RuleResult {
  const all = ctx.facts.filter(
    (f): f is MeasurementFact => f.kind === 'measurement' && f.assertion === 'affirmed' && f.name === rule.name,
  );
  const recent =
    rule.withinDays === undefined
      ? all
      : all.filter((f) => f.date === undefined || daysBetween(f.date, ctx.asOf) <= (rule.withinDays ?? 0));
  if (recent.length === 0) {
    if (all.length > 0) {
      return {
        status: 'unknown',
        evidence: all.map(citation),
        reason: `the last ${label(rule.name)} is older than ${rule.withinDays ?? 0} days`,
      };
    }
    return { status: 'unknown', evidence: [] };
  }
  const latest = [...recent].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999')).at(-1);
  if (!latest) return { status: 'unknown', evidence: [] };
  const ok =
    (rule.min === undefined || latest.value >= rule.min) && (rule.max === undefined || latest.value <= rule.max);
  const stated = `${label(rule.name)} ${latest.value}${latest.unit === '%' ? '%' : latest.unit === 'cm' ? ' cm' : ''}${latest.date ? ` on ${latest.date}` : ''}`;
  // "BSA 8 %" in November, then "spreading to the abdomen, flanks and back" in February with no new figure: a value
  // short of the threshold measured before a documented worsening no longer says where the disease stands.
  const worsenedSince =
    !ok && rule.min !== undefined
      ? ctx.facts.find(
          (f) =>
            f.kind === 'symptom_course' &&
            f.trend === 'progressive' &&
            f.assertion === 'affirmed' &&
            f.date !== undefined &&
            latest.date !== undefined &&
            f.date > latest.date,
        )
      : undefined;
  if (worsenedSince) {
    return {
      status: 'unknown',
      evidence: [citation(latest), citation(worsenedSince)],
      reason: `${stated}, measured before the worsening the record documents on ${worsenedSince.date ?? ''}; required ${describeRange(rule, latest.unit)}`,
      request: `Record a current ${label(rule.name)}`,
    };
  }
  return {
    status: ok ? 'met' : 'not_met',
    evidence: [citation(latest)],
    reason: `${stated}; required ${describeRange(rule, latest.unit)}`,
  };
}

export type AgeRule = Type.Static<typeof AgeSettings>;

export function ageRule(rule: AgeRule, ctx: RuleContext): RuleResult {
  const demographic = ctx.facts.find((f): f is DemographicFact => f.kind === 'demographic');
  if (!demographic) return { status: 'unknown', evidence: [], reason: 'the patient has no birth date on record' };
  const months = demographic.ageMonths ?? demographic.ageYears * 12;
  const ok =
    (rule.minYears === undefined || demographic.ageYears >= rule.minYears) &&
    (rule.maxYears === undefined || demographic.ageYears <= rule.maxYears) &&
    (rule.minMonths === undefined || months >= rule.minMonths);
  const limits = [
    rule.minYears !== undefined ? `at least ${rule.minYears} years` : undefined,
    rule.minMonths !== undefined ? `at least ${rule.minMonths} months` : undefined,
    rule.maxYears !== undefined ? `at most ${rule.maxYears} years` : undefined,
  ].filter(Boolean);
  return {
    status: ok ? 'met' : 'not_met',
    evidence: [citation(demographic)],
    // An infant's age is told in months, as the label's limit is ("5 months; required at least 6 months").
    reason: `patient age ${demographic.ageYears < 2 ? `${String(months)} months` : String(demographic.ageYears)}; required ${limits.join(' and ')}`,
  };
}

export type InvolvedSiteRule = Type.Static<typeof InvolvedSiteSettings>;

/**
 * Crucial or difficult areas: a Condition of the disease stated at one of the regions (hands, face, genitals …).
 * Where the disease is now is what the latest description says: the sites it gives ("limited to elbows and right
 * knee" after an older, or copied-forward, "prominent scalp involvement"), and the sites an examination that day
 * finds clear. An exam that clears several of the regions (three, or all when fewer are asked) and places the disease
 * at none is not met; one that clears fewer says too little, and the sites stated before it decide.
 */
export function involvedSiteRule(rule: InvolvedSiteRule, ctx: RuleContext): RuleResult {
  const prefixes = (rule.icd10 ?? []).map((p) => p.toUpperCase());
  const conditions = ctx.facts.filter(
    (f): f is ConditionFact =>
      f.kind === 'condition' &&
      f.assertion === 'affirmed' &&
      (prefixes.length === 0 || f.icd10.some((code) => prefixes.some((p) => code.startsWith(p)))),
  );
  const inRegions = (site: string): boolean => bodyRegionsOf(site).some((r) => rule.regions.includes(r));
  const allSited = conditions.filter((c) => (c.bodySite ?? []).length > 0);
  const exams = ctx.facts.filter(
    (f): f is SiteExamFact => f.kind === 'site_exam' && f.assertion === 'affirmed' && f.cleared.some(inRegions),
  );
  const latestExam = newestDate(exams);
  const examRegions = new Set(
    exams.filter((e) => (e.date ?? '') === latestExam).flatMap((e) => e.cleared.flatMap(bodyRegionsOf)),
  );
  const decisiveExam =
    exams.length > 0 &&
    latestExam >= newestDate(allSited) &&
    [...examRegions].filter((r) => rule.regions.includes(r)).length >= Math.min(3, rule.regions.length);
  if (allSited.length === 0 && !decisiveExam) return { status: 'unknown', evidence: [] };
  const latest = decisiveExam ? latestExam : newestDate(allSited);
  const sited = allSited.filter((c) => (c.date ?? '') === latest);
  const hits = sited.filter((c) => (c.bodySite ?? []).some(inRegions));
  if (hits.length > 0) {
    const sites = hits.flatMap((c) => c.bodySite ?? []);
    return { status: 'met', evidence: hits.map(citation), reason: `involved site: ${sites.join(', ')}` };
  }
  if (decisiveExam) {
    const cleared = exams.filter((e) => (e.date ?? '') === latestExam);
    const words = [...new Set(cleared.flatMap((e) => e.cleared).filter(inRegions))];
    return {
      status: 'not_met',
      evidence: [...cleared, ...sited].map(citation),
      reason: `the examination of ${latestExam} finds ${words.join(', ')} clear and places the disease at none of ${rule.regions.join(', ')}`,
    };
  }
  const sites = sited.flatMap((c) => c.bodySite ?? []);
  return {
    status: 'not_met',
    evidence: sited.map(citation),
    reason: `the documented sites (${sites.join(', ')}) are not among ${rule.regions.join(', ')}`,
  };
}
