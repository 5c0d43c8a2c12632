// The body part a finding or an injury is about, from the source's words or its injury code. A red flag such as
// trauma means something for a spine study only when it concerns the back (or names no part at all): a head injury
// or a sprained ankle is not a suspected spinal fracture.
import type { BodyPart } from './fact.ts';

// Most specific first: "lumbar spine" is the back though "spine" alone could be the neck; "cervical" is the neck.
const PARTS: readonly { pattern: RegExp; part: BodyPart }[] = [
  { pattern: /\b(?:cervical|neck|whiplash)\b/i, part: 'neck' },
  {
    pattern:
      /\b(?:back(?!\s+(?:to|in|from|up|home)\b)|lumbar|lumbosacral|thoracolumbar|thoracic spine|sacr(?:um|al)|coccyx|tailbone|spin(?:e|al)|vertebra[el]?|vertebral)\b/i,
    part: 'back',
  },
  {
    pattern: /\b(?:head|skull|brain|concussion|concussive|scalp|face|facial|forehead|nose|jaw|orbit(?:al)?|eye)\b/i,
    part: 'head',
  },
  { pattern: /\b(?:chest|ribs?|thorax|sternum|clavicle)\b/i, part: 'chest' },
  { pattern: /\b(?:abdomen|abdominal|spleen|liver)\b/i, part: 'abdomen' },
  { pattern: /\b(?:pelvis|pelvic|hips?|groin)\b/i, part: 'pelvis' },
  {
    pattern: /\b(?:shoulders?|arms?|elbows?|forearms?|wrists?|hands?|fingers?|thumbs?|humerus|radius|ulna)\b/i,
    part: 'arm',
  },
  {
    pattern: /\b(?:legs?|thighs?|knees?|ankles?|feet|foot|toes?|heels?|femur|tibia|fibula|shin|calf)\b/i,
    part: 'leg',
  },
];

/** The body part words name: the back when they name it among others (a fall injuring back and head), else the first. */
export function bodyPartOf(text: string): BodyPart | undefined {
  let first: { part: BodyPart; at: number } | undefined;
  for (const { pattern, part } of PARTS) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (part === 'back') return part;
    if (first === undefined || match.index < first.at) first = { part, at: match.index };
  }
  return first?.part;
}

/**
 * The body part of an ICD-10-CM injury code (chapter S, by block): S00–S09 head, S10–S19 neck, S20–S29 thorax (S22.0
 * thoracic vertebra: back), S30–S39 lower back and pelvis (S32.0–S32.2 lumbar vertebrae and sacrum, S33.0–S33.1 and
 * S33.5 lumbar disc and ligaments, S34 lumbar cord: back), S40–S69 upper limb, S70–S99 lower limb.
 */
export function injuryBodyPart(icd10: string): BodyPart | undefined {
  const match = /^S(\d\d)(?:\.(\d))?/.exec(icd10.toUpperCase());
  if (!match) return undefined;
  const block = Number(match[1]);
  const sub = match[2];
  if (block <= 9) return 'head';
  if (block <= 19) return 'neck';
  if (block <= 29) return block === 22 && sub === '0' ? 'back' : 'chest';
  if (block <= 39) {
    const lumbar =
      (block === 32 && (sub === '0' || sub === '1' || sub === '2')) ||
      (block === 33 && (sub === '0' || sub === '1' || sub === '5')) ||
      block === 34;
    return lumbar ? 'back' : 'pelvis';
  }
  return block <= 69 ? 'arm' : 'leg';
}
