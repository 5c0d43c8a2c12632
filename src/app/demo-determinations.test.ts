// The demo data and the engine agree: every seeded demo case gets the determination its scenario intends.
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../adapters/policies/load.ts';
import { generateDemoCases } from '../demo/index.ts';
import { CaseService } from './cases.ts';

const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 'demo', today: () => '2026-11-02' });

describe.each([20261123, 7])('demo cases (seed %i)', (seed) => {
  it.each(generateDemoCases({ seed }).map((c) => [c.id, c] as const))('%s', (_id, demo) => {
    const { determination } = service.check(demo.bundle);
    expect({ determination: determination.determination, paRequired: determination.paRequired }).toEqual(demo.expected);
    for (const criterion of determination.criteria.filter(
      (c) => c.status !== 'unknown' && !c.id.startsWith('red-flag'),
    )) {
      if (criterion.reason?.startsWith('waived') || criterion.evidence.length > 0) continue;
      // Every decided leaf says why: evidence, or a stated reason (e.g. no prior scans on record).
      expect(criterion.reason ?? criterion.evidence[0], criterion.id).toBeDefined();
    }
  });
});
