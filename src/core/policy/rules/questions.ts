// The vocabulary of documentation questionnaires that rule kinds share: the link ids of a criterion's items and the
// coded options its choices offer.
import type { Coding } from '@medplum/fhirtypes';

export const KLIVIRA_CODES = 'urn:klivira:dtr:answer';

/** The answer item of criterion `id` is `id.answer`; further items `id.<part>`. */
export const linkIds = (id: string) => ({
  answer: `${id}.answer`,
  modality: `${id}.modality`,
  start: `${id}.start`,
  end: `${id}.end`,
  date: `${id}.date`,
  agent: `${id}.agent`,
  where: `${id}.where`,
});
export type LinkIds = ReturnType<typeof linkIds>;

export const label = (code: string): string => code.replace(/_/g, ' ');

export const option = (code: string): { valueCoding: Coding } => ({
  valueCoding: { system: KLIVIRA_CODES, code, display: label(code) },
});

/** A list of settings in plain words ("physical therapy / nsaid"). */
export const words = (values: readonly string[]): string => values.join(' / ').replace(/_/g, ' ');
