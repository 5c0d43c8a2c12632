// An instant given as a day. FHIR types DocumentReference.date, DiagnosticReport.issued and Observation.issued as
// `instant` (time and zone required), yet EHR exports routinely send the day alone ("2026-04-14"). The day is all a
// determination reads from them, so refusing the whole record over it would make a coordinator re-export a chart
// that is clinically complete. Such a value is read as its day, with a warning naming the field; any other invalid
// instant (a malformed day, a time without a zone) is still an error.
import type { Resource } from '@medplum/fhirtypes';
import type { Issue } from '../fhir/outcome.ts';
import type { IntakeWarning } from '../fhir/record.ts';

const INSTANT_ERROR = 'Invalid instant format';
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Splits structural issues into the errors that stand and the day-instants read with a warning. */
export function tolerateDayInstants(
  resource: Resource,
  location: string,
  issues: readonly Issue[],
): { errors: Issue[]; warnings: IntakeWarning[] } {
  const errors: Issue[] = [];
  const warnings: IntakeWarning[] = [];
  for (const issue of issues) {
    const value = issue.message.endsWith(INSTANT_ERROR) ? valueAt(resource, location, issue.location) : undefined;
    if (typeof value === 'string' && DAY.test(value)) {
      warnings.push({
        reference: `${resource.resourceType}/${resource.id ?? ''}`,
        message: `${issue.location ?? location} is the day ${value} where FHIR requires an instant (time and zone): read as that day`,
      });
    } else errors.push(issue);
  }
  return { errors, warnings };
}

/** The value an issue's location (`Bundle.entry[3].resource.content[0].date`) names inside its resource. */
function valueAt(resource: Resource, root: string, location: string | undefined): unknown {
  if (location === undefined || !location.startsWith(`${root}.`)) return undefined;
  let node: unknown = resource;
  for (const step of location.slice(root.length + 1).split('.')) {
    const [, name, index] = /^([A-Za-z_]\w*)(?:\[(\d+)\])?$/.exec(step) ?? [];
    if (name === undefined || node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[name];
    if (index !== undefined) node = Array.isArray(node) ? (node as unknown[])[Number(index)] : undefined;
  }
  return node;
}
