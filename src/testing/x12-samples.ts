// Test-only access to ../shared/x12-samples, read in place (never copied into the repository).
import { readFileSync } from 'node:fs';
import { sharedPath, hasShared } from './shared.ts';

export const hasSamples = (): boolean => hasShared('x12-samples');

export function readSample(name: string): string {
  return readFileSync(sharedPath('x12-samples', name), 'utf8');
}

const STUPIDEDI = 'kputnam-stupidedi__';

/** The eight samples the samples README calls clean. */
export const CLEAN_SAMPLES = [
  'referral-request-for-review.edi',
  'referral-response-to-request-for-review.edi',
  'admission-response-to-request-for-review.edi',
  'emergency-admission-request-for-review.edi',
  'emergency-admission-response-to-request-for-review.edi',
  'request-for-medical-services-reservation.edi',
  'response-to-medical-services-reservation.edi',
  'response-to-non-emergency-transportation.edi',
].map((name) => STUPIDEDI + name);

export const SE01_DEFECTS = ['admission-request-for-review.edi', 'request-for-home-health-care.edi'].map(
  (name) => STUPIDEDI + name,
);

export const HL_PARENT_DEFECT = `${STUPIDEDI}request-for-non-emergency-transportation.edi`;

export const INTELIGENZ_SAMPLES = [
  '3_1_1_Request',
  '3_1_2_Response',
  '3_2_1_Request',
  '3_2_2_Response',
  '3_3_1_Request',
  '3_3_2_Response',
].map((name) => `Inteligenz-X12Parser__Example_${name}.txt`);

export const ACK_SAMPLES = [
  'acks/azoner-pyx12__834_ls_le_ls_5010.999.txt',
  'acks/azoner-pyx12__834_lui_id_5010.999.txt',
];
