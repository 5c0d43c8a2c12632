// The page cursor of the list routes: the sort instant and the id of the last item, as base64url JSON. Only a cursor
// in exactly the form this API issues is accepted, so a forged one never reaches the database as an invalid value.
import { InvalidInputError } from '../../core/fhir/index.ts';
import { isStorableInstant } from './instant.ts';

/** A case id as the API issues them. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISSUED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** The cursor in query parameter `parameter`, or a 400 naming it. */
export function decodeCursor(text: string, parameter: string): Cursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (Array.isArray(parts) && parts.length === 2) {
    const [at, id] = parts as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      UUID.test(id) &&
      ISSUED_INSTANT.test(at) &&
      isStorableInstant(at) &&
      new Date(at).toISOString() === at
    ) {
      return { at, id };
    }
  }
  throw new InvalidInputError(
    [{ severity: 'error', code: 'invalid', message: 'the cursor is not one this API issued', location: parameter }],
    400,
  );
}
