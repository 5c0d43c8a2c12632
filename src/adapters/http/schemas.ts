// Schemas several route groups share.
import Type from 'typebox';

export const OperationOutcomeSchema = Type.Object(
  { resourceType: Type.Literal('OperationOutcome'), issue: Type.Array(Type.Any()) },
  { description: 'FHIR OperationOutcome' },
);
