// Before/after statements of a severity measure in one sentence ("PASI 16.2 → 13.0", "EASI improved from 26 to 24.1",
// "PASI 13.0 from 16.2", "pain 8/10 -> 2/10", "BSA 30% to 28%"), read as numbers so that the relative change is
// computed (response.ts) instead of trusting the words around it ("improved only from 16.2 to 13.0" is a failure).
import type { MeasureName } from '../fact.ts';
import { judgeChange, relativeImprovement } from '../response.ts';

export interface MeasureChange {
  name: MeasureName;
  before: number;
  after: number;
  /** Relative improvement in percent (negative when worse). */
  percent: number;
  /** What the change means for the treatment given in between (undefined: between the two thresholds). */
  outcome?: 'failed' | 'improved';
}

const NAMES: readonly { name: MeasureName; word: string }[] = [
  { name: 'pasi', word: 'PASI' },
  { name: 'easi', word: 'EASI' },
  { name: 'bsa_percent', word: 'BSA|body surface area' },
  { name: 'iga', word: 'v?IGA(?:-AD)?|s?PGA' },
  { name: 'dlqi', word: 'DLQI' },
  { name: 'odi', word: 'ODI|Oswestry' },
  { name: 'pain_score', word: 'pain|NRS|VAS' },
];

const NUM = '(\\d{1,3}(?:\\.\\d+)?)\\s*(?:%|\\/\\s*10\\b)?';
// Up to a few words between the measure and its first number ("score", "improved only", "went").
const GAP = "(?:\\s+|\\s*[:=]\\s*)(?:[a-z']+\\s+){0,3}?";
const ARROW = '\\s*(?:->|→|=>|⇒|>|to|down to|up to)\\s*';

const PATTERNS = NAMES.map(({ name, word }) => ({
  name,
  // "<measure> [from] A → B": the first number is the baseline.
  forward: new RegExp(`\\b(?:${word})\\b${GAP}(?:from\\s+)?${NUM}${ARROW}${NUM}`, 'gi'),
  // "<measure> B (from A)", "<measure> B, down from A", "<measure> B (A at baseline)": the first number is now.
  backward: new RegExp(
    `\\b(?:${word})\\b${GAP}${NUM}\\s*[(,]?\\s*(?:(?:down |up )?from\\s+${NUM}|${NUM}\\s+at\\s+(?:baseline|start|[a-z]+ start))`,
    'gi',
  ),
}));

function change(name: MeasureName, before: number, after: number): MeasureChange | undefined {
  const percent = relativeImprovement(before, after);
  if (percent === undefined) return undefined;
  const outcome = judgeChange(name, before, after);
  return { name, before, after, percent, ...(outcome ? { outcome } : {}) };
}

// A change needs two numbers with an arrow, "to", "from" or "at baseline/start" between them: most sentences have none.
const POSSIBLE = /\d[^\d]{0,14}(?:->|→|=>|⇒|>|\bto\b|\bfrom\b)[^\d]{0,14}\d|\d\s+at\s+(?:baseline|\w+ start|start)/i;

/** Every before/after change of a measure stated in the text, in the order they appear. */
export function measureChanges(text: string): MeasureChange[] {
  if (!POSSIBLE.test(text)) return [];
  const found: { at: number; change: MeasureChange }[] = [];
  for (const { name, forward, backward } of PATTERNS) {
    for (const m of text.matchAll(forward)) {
      const c = change(name, Number(m[1]), Number(m[2]));
      if (c) found.push({ at: m.index, change: c });
    }
    for (const m of text.matchAll(backward)) {
      if (found.some((f) => f.at === m.index)) continue;
      const c = change(name, Number(m[2] ?? m[3]), Number(m[1]));
      if (c) found.push({ at: m.index, change: c });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.change);
}

/** One outcome for the sentence: failed when every change says so, improved likewise, else none. */
export function outcomeOfChanges(changes: readonly MeasureChange[]): 'failed' | 'improved' | undefined {
  const outcomes = new Set(changes.map((c) => c.outcome));
  if (outcomes.size !== 1) return undefined;
  return changes[0]?.outcome;
}
