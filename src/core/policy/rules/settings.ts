// Building blocks of rule settings, shared by the rule kinds' schemas (one TypeBox definition gives both the JSON
// Schema the policy loader checks and the TypeScript types the evaluators read).
import Type from 'typebox';

export const Str = Type.String({ minLength: 1 });
export const Strings = Type.Array(Str, { minItems: 1 });

/** A numeric field's allowed range (inclusive): `{ min: 2 }` is "2 or more". */
export const Range = Type.Object(
  { min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) },
  { additionalProperties: false, minProperties: 1 },
);

/**
 * How long before the evaluation date the fact must be dated, in days (inclusive): `{ max: 365 }` is "within the
 * past year", `{ min: 28 }` "at least four weeks ago". Conditions are dated by their onset.
 */
export const DaysBefore = Type.Object(
  { min: Type.Optional(Type.Integer({ minimum: 0 })), max: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false, minProperties: 1 },
);

export const MEASURES = [
  'bsa_percent',
  'easi',
  'iga',
  'pasi',
  'dlqi',
  'lesion_size_cm',
  'pain_score',
  'odi',
  'ldh',
] as const;
export const OUTCOMES = ['failed', 'intolerance', 'contraindicated', 'completed', 'ongoing', 'improved'] as const;
export const BODY_REGIONS = [
  'face',
  'scalp',
  'neck',
  'hands',
  'feet',
  'nails',
  'genitals',
  'intertriginous',
  'trunk',
  'arms',
  'legs',
] as const;

/** An object of settings: no keys beyond the ones named. */
export const settings = <P extends Type.TProperties>(properties: P) =>
  Type.Object(properties, { additionalProperties: false });
