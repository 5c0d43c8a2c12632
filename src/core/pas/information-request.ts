// Reads what a payer asks for when it pends a PAS request: ClaimResponse.communicationRequest, each a PAS
// CommunicationRequest (contained, or an entry of the response Bundle) naming the document kind (category, X12 755),
// the LOINC attachment code of the question (payload.contentString), the item it concerns (serviceLineNumber) and the
// identifier the answer must carry back (X12's attachment control number). The JSON is untrusted: anything unreadable
// is skipped, never thrown.
import type { RequestedInformation } from '../channel/channel.ts';
import { REPORT_TYPE_CODES, lookup } from '../x12/codes.ts';
import { arrayOf, isObject, stringOf } from './json.ts';
import { SYSTEMS } from './vocabulary.ts';

const SERVICE_LINE = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-serviceLineNumber';

type Json = Record<string, unknown>;

/** The requests for information in a `$submit` response Bundle, `$inquire` Parameters or rest-hook notification. */
export function readRequestedInformation(input: unknown): RequestedInformation[] {
  const response = claimResponseOf(input);
  if (response === undefined) return [];
  const { claimResponse, entries } = response;
  const contained = arrayOf(claimResponse.contained as unknown[] | undefined).filter(isObject);
  return arrayOf(claimResponse.communicationRequest as unknown[] | undefined).flatMap((link) => {
    const reference = isObject(link) ? stringOf(link.reference) : undefined;
    if (reference === undefined) return [];
    const found = reference.startsWith('#')
      ? contained.find((resource) => `#${String(resource.id)}` === reference)
      : entries.find(
          (entry) =>
            entry.fullUrl === reference ||
            (isObject(entry.resource) &&
              `${String(entry.resource.resourceType)}/${String(entry.resource.id)}` === reference),
        )?.resource;
    return isObject(found) && found.resourceType === 'CommunicationRequest' ? requested(found) : [];
  });
}

function claimResponseOf(input: unknown): { claimResponse: Json; entries: Json[] } | undefined {
  if (!isObject(input)) return undefined;
  if (input.resourceType === 'ClaimResponse') return { claimResponse: input, entries: [] };
  if (input.resourceType === 'Parameters') {
    const bundle = arrayOf(input.parameter as unknown[] | undefined)
      .map((parameter) => (isObject(parameter) ? parameter.resource : undefined))
      .find((resource) => isObject(resource) && resource.resourceType === 'Bundle');
    return claimResponseOf(bundle);
  }
  if (input.resourceType !== 'Bundle') return undefined;
  const entries = arrayOf(input.entry as unknown[] | undefined).filter(isObject);
  if (input.type === 'history') {
    return claimResponseOf(
      entries.map((entry) => entry.resource).find((r) => isObject(r) && r.resourceType === 'Bundle'),
    );
  }
  const first = entries[0]?.resource;
  return isObject(first) && first.resourceType === 'ClaimResponse' ? { claimResponse: first, entries } : undefined;
}

function codingsOf(concept: unknown): Json[] {
  return isObject(concept) ? arrayOf(concept.coding as unknown[] | undefined).filter(isObject) : [];
}

/** One item per CommunicationRequest: the LOINC question when given, else the X12 755 document kind. */
function requested(communication: Json): RequestedInformation[] {
  const category = codingsOf(arrayOf(communication.category as unknown[] | undefined)[0])[0];
  const categoryCode = stringOf(category?.code);
  const loinc = arrayOf(communication.payload as unknown[] | undefined)
    .filter(isObject)
    .map((payload) => stringOf(payload.contentString))
    .find((text) => text !== undefined);
  const code = loinc ?? categoryCode;
  if (code === undefined) return [];
  const identifier = arrayOf(communication.identifier as unknown[] | undefined).filter(isObject)[0];
  const control = stringOf(identifier?.value);
  const line = arrayOf(communication.extension as unknown[] | undefined)
    .filter(isObject)
    .find((extension) => extension.url === SERVICE_LINE)?.valuePositiveInt;
  const reportText = lookup(REPORT_TYPE_CODES, categoryCode);
  const description =
    stringOf(category?.display) ??
    stringOf((communication.text as Json | undefined)?.div)?.replace(/<[^>]+>/g, '') ??
    (reportText === undefined ? undefined : reportText.charAt(0).toUpperCase() + reportText.slice(1)) ??
    `Document ${code}`;
  return [
    {
      code,
      system: loinc !== undefined ? SYSTEMS.loinc : SYSTEMS.x12('755'),
      description,
      ...(control !== undefined ? { pwkControlNumber: control } : {}),
      ...(typeof line === 'number' ? { itemSequence: line } : {}),
    },
  ];
}
