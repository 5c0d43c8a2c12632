// How long a prescription's course ran. A prescription is not a course until today: it ends at its stated end, else
// when its supply runs out (days' supply, or quantity over the daily dose, times the fills allowed), else after one
// fill of a default length. A 2022 prescription never closed is one fill in 2022, not four years of therapy.
import type { Duration, MedicationRequest } from '@medplum/fhirtypes';
import { addDays } from './dates.ts';

/** One fill when the record states no end and no supply: a month, the usual retail fill of an oral analgesic. */
export const DEFAULT_FILL_DAYS = 30;

export interface CourseEnd {
  end: string;
  /** True when the end is the default fill, not anything the record states. */
  assumed: boolean;
}

const UNIT_DAYS: Readonly<Record<string, number>> = { h: 1 / 24, d: 1, wk: 7, mo: 30, a: 365 };

/** A FHIR Duration (or a timing's period and unit) in days. */
export function durationDays(duration: Duration | undefined): number | undefined {
  if (duration?.value === undefined) return undefined;
  const unit = duration.code ?? duration.unit ?? 'd';
  const perUnit = UNIT_DAYS[unit] ?? UNIT_DAYS[unit.replace(/s$/, '').slice(0, 2)];
  return perUnit === undefined ? undefined : duration.value * perUnit;
}

/** Days one fill lasts: the stated days' supply, else the quantity over the daily dose where both are stated. */
function fillDays(request: MedicationRequest): number | undefined {
  const supply = durationDays(request.dispenseRequest?.expectedSupplyDuration);
  if (supply !== undefined) return supply;
  const quantity = request.dispenseRequest?.quantity?.value;
  const dosage = request.dosageInstruction?.[0];
  const dose = dosage?.doseAndRate?.[0]?.doseQuantity?.value ?? 1;
  const repeat = dosage?.timing?.repeat;
  const periodDays = durationDays({ value: repeat?.period ?? 1, code: repeat?.periodUnit ?? 'd' });
  if (quantity === undefined || repeat?.frequency === undefined || !periodDays) return undefined;
  const perDay = (dose * repeat.frequency) / periodDays;
  return perDay > 0 ? quantity / perDay : undefined;
}

const TEXT_COURSE =
  /\b(?:x|for|times)\s*(\d{1,3})\s*(days?|d|weeks?|wks?)\b|\b(\d{1,2})[- ]day (?:taper|pack|course|burst|supply)\b|\b(dose ?pak|dosepak)\b/i;

/** The course length the dosage text states ("40 mg daily x 5 days", "6-day taper pack", "Medrol Dosepak"): a burst
 * or a taper is days, not the month a default fill would assume. */
function courseDaysInText(request: MedicationRequest): number | undefined {
  const text = [...(request.dosageInstruction ?? []).map((d) => d.text), request.medicationCodeableConcept?.text]
    .filter((t): t is string => typeof t === 'string')
    .join(' ');
  const m = TEXT_COURSE.exec(text);
  if (!m) return undefined;
  if (m[4] !== undefined) return 6;
  const n = Number(m[1] ?? m[3]);
  const unit = (m[2] ?? 'd').toLowerCase();
  return unit.startsWith('w') ? n * 7 : n;
}

/** The last day of a prescription's course that starts on `start`. */
export function prescriptionEnd(request: MedicationRequest, start: string): CourseEnd {
  const stated = request.dispenseRequest?.validityPeriod?.end;
  if (stated) return { end: stated.slice(0, 10), assumed: false };
  const course = courseDaysInText(request);
  if (course !== undefined) return { end: addDays(start, course), assumed: false };
  const days = fillDays(request);
  if (days !== undefined) {
    const fills = 1 + (request.dispenseRequest?.numberOfRepeatsAllowed ?? 0);
    return { end: addDays(start, Math.round(days * fills)), assumed: false };
  }
  return { end: addDays(start, DEFAULT_FILL_DAYS), assumed: true };
}
