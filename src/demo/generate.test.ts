import { describe, expect, it } from 'vitest';
import type { Bundle, DocumentReference, Resource } from '@medplum/fhirtypes';
import { generateDemoCases, SCENARIO_IDS } from './index.ts';
import type { DemoCase } from './index.ts';

const cases = generateDemoCases({ seed: 20261102 });
const resources = (bundle: Bundle): Resource[] => (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));

/** Every `reference` string anywhere inside a value. */
function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) referencesIn(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string') out.push(child);
      else referencesIn(child, out);
    }
  }
  return out;
}

/** Every string value except codes and base64 note data. */
function stringValues(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringValues(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) if (key !== 'code' && key !== 'data') stringValues(child, out);
  }
  return out;
}

function decodedNotes(c: DemoCase): { contentType: string; text: string }[] {
  return resources(c.bundle)
    .filter((r): r is DocumentReference => r.resourceType === 'DocumentReference')
    .flatMap((doc) => doc.content.map((content) => content.attachment))
    .map((attachment) => ({
      contentType: attachment.contentType ?? '',
      text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(attachment.data ?? '', 'base64')),
    }));
}

describe('generateDemoCases', () => {
  it('is deterministic: the same seed gives byte-identical JSON', () => {
    expect(JSON.stringify(generateDemoCases({ seed: 20261102 }))).toBe(JSON.stringify(cases));
  });

  it('gives different patients for a different seed', () => {
    const patients = (list: DemoCase[]) =>
      list.map((c) => JSON.stringify(resources(c.bundle).find((r) => r.resourceType === 'Patient')));
    const other = patients(generateDemoCases({ seed: 7 }));
    const mine = patients(cases);
    expect(other).toHaveLength(mine.length);
    expect(other.filter((p, i) => p === mine[i])).toHaveLength(0);
  });

  it('keeps earlier cases unchanged when more are asked for', () => {
    const more = generateDemoCases({ seed: 20261102, count: 30 });
    expect(JSON.stringify(more.slice(0, 24))).toBe(JSON.stringify(cases));
  });

  it('produces every scenario with its expected outcome, 24 cases by default, cycling in order', () => {
    expect(cases).toHaveLength(24);
    expect(new Set(cases.map((c) => c.scenario))).toEqual(new Set(SCENARIO_IDS));
    expect(cases.slice(0, SCENARIO_IDS.length).map((c) => c.scenario)).toEqual([...SCENARIO_IDS]);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(generateDemoCases({ seed: 1, count: 0 })).toEqual([]);
  });

  it('rejects a malformed reference date or count', () => {
    expect(() => generateDemoCases({ seed: 1, today: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateDemoCases({ seed: 1, count: -1 })).toThrow(RangeError);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: a collection bundle whose references all resolve', (_, c) => {
    expect(c.bundle.type).toBe('collection');
    const entries = c.bundle.entry ?? [];
    const fullUrls = entries.map((e) => e.fullUrl);
    expect(new Set(fullUrls).size).toBe(entries.length);
    for (const entry of entries) expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id ?? ''}`);
    const known = new Set(fullUrls);
    for (const reference of referencesIn(c.bundle)) expect(known, reference).toContain(reference);
    const count = (type: string) => resources(c.bundle).filter((r) => r.resourceType === type).length;
    expect(count('Patient')).toBe(1);
    expect(count('Coverage')).toBe(1);
    expect(count('ServiceRequest')).toBe(1);
    expect(count('DocumentReference')).toBeGreaterThanOrEqual(1);
    expect(count('DocumentReference')).toBeLessThanOrEqual(3);
  });

  it('writes every note as base64 UTF-8 text that decodes, in text/plain or text/html', () => {
    const notes = cases.flatMap(decodedNotes);
    for (const note of notes) {
      expect(note.contentType).toMatch(/^text\/(plain|html); charset=utf-8$/);
      expect(note.text.length).toBeGreaterThan(100);
      expect(note.text).toMatch(/Assessment/);
    }
    expect(notes.some((n) => n.contentType.startsWith('text/html'))).toBe(true);
    expect(notes.some((n) => n.text.includes('°'))).toBe(true);
  });

  it('dates nothing after the reference date and orders within 10 days of it', () => {
    for (const c of cases) {
      const json = JSON.stringify(c.bundle);
      for (const date of json.match(/\d{4}-\d{2}-\d{2}/g) ?? []) expect(date <= '2026-11-02', c.id).toBe(true);
      const order = resources(c.bundle).find((r) => r.resourceType === 'ServiceRequest');
      const authored = order?.resourceType === 'ServiceRequest' ? (order.authoredOn ?? '') : '';
      expect(authored.slice(0, 10) >= '2026-10-23', c.id).toBe(true);
    }
  });

  it('moves every date with the reference date', () => {
    for (const c of generateDemoCases({ seed: 3, today: '2025-06-30', count: 10 })) {
      const dates = JSON.stringify(c.bundle).match(/\d{4}-\d{2}-\d{2}/g) ?? [];
      expect(dates.filter((d) => d > '2025-06-30')).toEqual([]);
    }
  });

  it('names every clinician of a case differently', () => {
    for (const c of cases) {
      const names = resources(c.bundle).flatMap((r) =>
        r.resourceType === 'Practitioner' ? [JSON.stringify(r.name)] : [],
      );
      expect(new Set(names).size, c.id).toBe(names.length);
    }
  });

  it('generates no SSN-shaped value (codes aside: SNOMED CT concept ids are 9 digits long)', () => {
    const values = cases.flatMap((c) => [...stringValues(c.bundle), ...decodedNotes(c).map((n) => n.text)]);
    const ssnLike = values.filter((v) => /(?<![\w.-])(\d{3}-\d{2}-\d{4}|\d{9})(?![\w.-])/.test(v));
    expect(ssnLike).toEqual([]);
    expect(values.filter((v) => v.includes('2.16.840.1.113883.4.1'))).toEqual([]);
  });
});
