// The prefetch is enough: for every demo case, the record assembled from the prefetch and the draft order is
// determined exactly as the case's full bundle is (same outcome, criteria and documentation requests).
import { describe, expect, it } from 'vitest';
import { CaseService } from '../../app/cases.ts';
import { generateDemoCases } from '../../demo/index.ts';
import { loadPolicyLibrary } from '../policies/load.ts';
import { answerHook } from './answer.ts';
import type { RecordSource } from './record-source.ts';
import { parseHookRequest } from './request.ts';
import { demoHookRequest } from './testing/demo-hook.ts';

const service = new CaseService({ library: loadPolicyLibrary(), organizationId: 't', today: () => '2026-11-02' });
const unused: RecordSource = {
  fetchMissing: () => Promise.reject(new Error('everything was prefetched')),
};
const deps = {
  service,
  recordSource: unused,
  smartLaunchUrl: 'https://klivira.test/smart/launch',
  sourceUrl: 'https://klivira.test',
  today: () => '2026-11-02',
};

describe('a hook call determines as the full bundle does', () => {
  it.each(generateDemoCases({ seed: 1 }).map((demo) => [demo.id, demo] as const))('%s', async (_id, demo) => {
    const direct = service.check(demo.bundle).determination;
    const request = parseHookRequest(demoHookRequest(demo, { hook: 'order-sign' }), 'order-sign');
    const { summary } = await answerHook(request, deps);
    expect(summary.outcomes).toEqual([direct.determination]);
    expect(summary.unavailable).toBe(0);
  });
});
