// `klivira facts` without --json: every fact with its assertion, date and source, grouped by kind.
import type { Fact } from '../../core/evidence/index.ts';
import type { IntakeWarning } from '../../core/fhir/index.ts';

const SKIP = new Set(['kind', 'assertion', 'date', 'source']);

function describeFact(fact: Fact): string {
  return Object.entries(fact)
    .filter(([key, value]) => !SKIP.has(key) && value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ');
}

export function formatFacts(facts: readonly Fact[], warnings: readonly IntakeWarning[]): string {
  const lines: string[] = [`${String(facts.length)} facts`];
  const kinds = [...new Set(facts.map((f) => f.kind))].sort();
  for (const kind of kinds) {
    const ofKind = facts.filter((f) => f.kind === kind);
    lines.push('', `${kind} (${String(ofKind.length)})`);
    for (const fact of ofKind) {
      const span =
        fact.source.start !== undefined ? ` @${String(fact.source.start)}-${String(fact.source.end ?? '')}` : '';
      lines.push(`  ${fact.assertion.padEnd(12)} ${fact.date ?? '          '}  ${describeFact(fact)}`);
      lines.push(`      <- ${fact.source.reference}${span}: "${fact.source.text.replace(/\s+/g, ' ').slice(0, 160)}"`);
    }
  }
  if (warnings.length > 0) {
    lines.push('', 'Warnings');
    for (const w of warnings) lines.push(`  ! ${w.reference}: ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}
