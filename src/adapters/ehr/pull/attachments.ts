// Notes stored as Binary: an attachment with a url (on the EHR's FHIR server) is fetched and inlined as base64 with
// its content type, so the bundle stands alone and the product reads the note. Too large, elsewhere, or refused:
// a warning, and the attachment stays a url.
import type { Attachment, Binary, Resource } from '@medplum/fhirtypes';
import { FhirFetchError, type FhirResponse, FhirTooLargeError } from './fhir-client.ts';
import type { PullLimits } from './limits.ts';
import { inPool } from './pool.ts';
import { keyOf } from './record-set.ts';
import { type PullContext, refusal } from './search.ts';

function attachmentsOf(resource: Resource): Attachment[] {
  if (resource.resourceType === 'DocumentReference') return resource.content.map((c) => c.attachment);
  if (resource.resourceType === 'DiagnosticReport') return resource.presentedForm ?? [];
  return [];
}

/** The content of a Binary read: the Binary resource (FHIR JSON), or the raw bytes when the server sends those. */
function contentOf(response: FhirResponse, fallbackType: string | undefined): { data: Buffer; contentType?: string } {
  if (/json/i.test(response.contentType)) {
    const binary = JSON.parse(response.body.toString('utf8')) as Partial<Binary>;
    if (binary.resourceType === 'Binary')
      return {
        data: Buffer.from(binary.data ?? '', 'base64'),
        ...((binary.contentType ?? fallbackType) ? { contentType: binary.contentType ?? fallbackType } : {}),
      };
  }
  const contentType = fallbackType ?? (response.contentType.split(';')[0] || undefined);
  return { data: response.body, ...(contentType ? { contentType } : {}) };
}

async function inline(
  context: PullContext,
  owner: Resource,
  attachment: Attachment,
  maxBinaryBytes: number,
): Promise<string | undefined> {
  const label = `the attachment of ${keyOf(owner)}`;
  const url = context.client.resolve(attachment.url ?? '');
  if (!context.client.owns(url)) return `${label} is on another server; not fetched`;
  if (!context.budget.open) return undefined;
  try {
    // As FHIR JSON the body is base64: a third larger than the content.
    const response = await context.client.get(url, label, { maxBytes: Math.ceil((maxBinaryBytes * 4) / 3) + 4096 });
    context.budget.chargeBytes(response.body.byteLength);
    if (response.status < 200 || response.status >= 300) return refusal(label, response);
    const content = contentOf(response, attachment.contentType);
    if (content.data.byteLength > maxBinaryBytes) return `${label}: larger than ${maxBinaryBytes} bytes; not fetched`;
    attachment.data = content.data.toString('base64');
    if (content.contentType) attachment.contentType = content.contentType;
    attachment.size = content.data.byteLength;
    return undefined;
  } catch (error) {
    if (error instanceof FhirTooLargeError) return `${label}: larger than ${maxBinaryBytes} bytes; not fetched`;
    if (error instanceof FhirFetchError) return error.message;
    if (error instanceof SyntaxError) return `${label}: the Binary is not valid JSON`;
    throw error;
  }
}

/** Inlines every url-only attachment of the resources; returns the warnings. */
export async function inlineAttachments(
  context: PullContext,
  resources: readonly Resource[],
  limits: Pick<PullLimits, 'maxBinaryBytes' | 'concurrency'>,
): Promise<string[]> {
  const pending = resources.flatMap((owner) =>
    attachmentsOf(owner)
      .filter((a) => a.url !== undefined && a.data === undefined)
      .map((attachment) => ({ owner, attachment })),
  );
  const warnings = await inPool(pending, limits.concurrency, ({ owner, attachment }) =>
    inline(context, owner, attachment, limits.maxBinaryBytes),
  );
  return warnings.filter((w): w is string => w !== undefined);
}
