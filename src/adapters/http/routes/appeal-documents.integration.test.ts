// Integration: the documents of a denied case over real HTTP on loopback, on both storages. A demo case is sent to
// the payer simulator set to deny it; then the appeal packet PDF (read back with pdftotext) names the policy and
// quotes the evidence and the payer's reason, the peer-to-peer brief is one page, the letter is edited and made
// final (after which edits are refused), and a download returns the exact bytes, is audited, and is 404 for
// another organization.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDocumentStore } from '../../db/document-store.ts';
import type { OpenDatabase } from '../../db/database.ts';
import { loadPolicyLibrary } from '../../policies/load.ts';
import { newApiKey } from '../../../app/access.ts';
import type { Worker } from '../../../app/worker.ts';
import { CaseConflictError } from '../../../core/case/index.ts';
import { generateDemoCases } from '../../../demo/index.ts';
import type { Simulator } from '../../../sim/server.ts';
import { TEST_DATABASES } from '../../../testing/databases.ts';
import { payerConnected, type PayerConnected } from '../../../testing/payer-connected.ts';

const ORG = 'org-appeal';
const OTHER = 'org-other';
const TODAY = '2026-11-03';
const NOTE = 'Conservative therapy of six weeks is not documented';
const demo = generateDemoCases({ seed: 5 }).find((c) => c.scenario === 'lumbar_meets_radiculopathy');
const library = loadPolicyLibrary();

const pdfText = (dir: string, bytes: Buffer): string => {
  const file = join(dir, `${randomBytes(4).toString('hex')}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
};
const pdfPages = (dir: string, bytes: Buffer): number => {
  const file = join(dir, `${randomBytes(4).toString('hex')}.pdf`);
  writeFileSync(file, bytes);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
};
/** pdftotext breaks lines where the page does: compare text with whitespace runs as single spaces. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe.each(TEST_DATABASES)('appeal documents on $name', (target) => {
  let product: PayerConnected;
  let database: OpenDatabase;
  let simulator: Simulator;
  let base: string;
  let worker: Worker;
  let key: string;
  let otherKey: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'klivira-appeal-'));
    product = await payerConnected(target, {
      organizationId: ORG,
      today: TODAY,
      channelTimeoutMs: 2_000,
      decisionDue: false,
      worker: { leaseMs: 60_000 },
      access: true,
    });
    ({ database, simulator, apiBase: base, worker } = product);
    for (const [org, set] of [
      [ORG, (k: string) => (key = k)],
      [OTHER, (k: string) => (otherKey = k)],
    ] as const) {
      const created = newApiKey();
      await product.access.createKey(org, 'admin', `${org} admin`, created.hash);
      set(created.key);
    }
  });

  afterAll(async () => {
    await product.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (path: string, init: RequestInit = {}, as = key) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${as}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const json = async <T>(response: Response) => (await response.json()) as T;

  async function deniedCase(channel: 'pas' | 'x12-278', as = key): Promise<string> {
    simulator.payer.rules = [{ match: {}, adjudication: { kind: 'deny', reasons: ['71'], note: NOTE } }];
    const created = await call(
      '/api/cases?confirmDuplicate=true',
      { method: 'POST', body: JSON.stringify(demo?.bundle) },
      as,
    );
    expect(created.status).toBe(201);
    const { caseId } = await json<{ caseId: string }>(created);
    const queued = await call(
      `/api/cases/${caseId}/submissions`,
      { method: 'POST', body: JSON.stringify({ channel }) },
      as,
    );
    expect(queued.status).toBe(202);
    expect(await worker.drain()).toBe(1);
    const stored = await json<{ status: string }>(await call(`/api/cases/${caseId}`, {}, as));
    expect(stored.status).toBe('denied');
    return caseId;
  }

  it('refuses the packet, the brief and the letter with a reason while there is no denial', async () => {
    const created = await call('/api/cases?confirmDuplicate=true', {
      method: 'POST',
      body: JSON.stringify(demo?.bundle),
    });
    const { caseId } = await json<{ caseId: string }>(created);
    for (const path of ['appeal-packet.pdf', 'p2p-brief.pdf', 'appeal-letter']) {
      const response = await call(`/api/cases/${caseId}/${path}`);
      expect(response.status).toBe(409);
      expect(JSON.stringify(await response.json())).toContain('there is no denial to appeal');
    }
  });

  it('builds the packet and the one-page brief of a denied case; the letter is edited, made final, then frozen', async () => {
    const caseId = await deniedCase('pas');
    const policy = library.policies.find((p) => p.id === 'uhc-lumbar-spine-mri');
    const attachment = await call(`/api/cases/${caseId}/documents`, {
      method: 'POST',
      body: JSON.stringify({
        title: 'PT discharge summary',
        contentType: 'text/plain',
        data: Buffer.from('PT notes').toString('base64'),
      }),
    });
    expect(attachment.status).toBe(201);

    const packet = await call(`/api/cases/${caseId}/appeal-packet.pdf`);
    expect(packet.status).toBe(200);
    expect(packet.headers.get('content-type')).toBe('application/pdf');
    expect(packet.headers.get('content-disposition')).toBe(`attachment; filename="appeal-packet-${caseId}.pdf"`);
    const text = flat(pdfText(dir, Buffer.from(await packet.arrayBuffer())));
    expect(text).toContain(policy?.source.name);
    expect(text).toContain(`uhc-lumbar-spine-mri, version ${policy?.version ?? ''}`);
    expect(text).toContain('"Lumbar radiculopathy, right L5, likely L4-5 disc herniation."');
    expect(text).toContain('2026-09-01');
    expect(text).toContain(NOTE);
    expect(text).toContain('Attestation of the ordering clinician');
    expect(text).toContain('PT discharge summary');

    const brief = await call(`/api/cases/${caseId}/p2p-brief.pdf`);
    expect(brief.status).toBe(200);
    const briefBytes = Buffer.from(await brief.arrayBuffer());
    expect(pdfPages(dir, briefBytes)).toBe(1);
    expect(flat(pdfText(dir, briefBytes))).toContain(NOTE);

    const draft = await json<{ text: string; state: string }>(await call(`/api/cases/${caseId}/appeal-letter`));
    expect(draft.state).toBe('draft');
    expect(draft.text).toContain('Appeals Department');
    const edited = `${draft.text}\n\nP.S. Edited by the coordinator before sending.`;
    const saved = await call(`/api/cases/${caseId}/appeal-letter`, {
      method: 'PUT',
      body: JSON.stringify({ text: edited }),
    });
    expect(saved.status).toBe(200);
    expect(await json<{ state: string; text: string }>(saved)).toMatchObject({ state: 'edited', text: edited });

    const final = await call(`/api/cases/${caseId}/appeal-letter/final`, { method: 'POST' });
    expect(final.status).toBe(201);
    const frozen = await json<{ state: string; documentId: string; text: string }>(final);
    expect(frozen).toMatchObject({ state: 'final', text: edited });
    const again = await call(`/api/cases/${caseId}/appeal-letter`, {
      method: 'PUT',
      body: JSON.stringify({ text: 'late' }),
    });
    expect(again.status).toBe(409);
    expect((await call(`/api/cases/${caseId}/appeal-letter/final`, { method: 'POST' })).status).toBe(409);

    // The packet is now the stored one, with the edit, and downloadable as a case document.
    const finalPacket = Buffer.from(await (await call(`/api/cases/${caseId}/appeal-packet.pdf`)).arrayBuffer());
    expect(flat(pdfText(dir, finalPacket))).toContain('Edited by the coordinator before sending.');
    const stored = await call(`/api/cases/${caseId}/documents/${frozen.documentId}`);
    expect(Buffer.from(await stored.arrayBuffer()).equals(finalPacket)).toBe(true);
    const history = await json<{ events: { type: string }[] }>(await call(`/api/cases/${caseId}`));
    expect(history.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['appeal_letter.edited', 'appeal_letter.finalized']),
    );
  });

  it('does not freeze an older text when the letter was edited while it was being made final', async () => {
    const caseId = await deniedCase('pas');
    const store = new PostgresDocumentStore(database.db);
    await call(`/api/cases/${caseId}/appeal-letter`, { method: 'PUT', body: JSON.stringify({ text: 'newer edit' }) });
    // Made final from the draft (no edit seen), while the edit above landed first.
    await expect(
      store.finalizeLetter(ORG, caseId, { text: 'the draft', pdf: Buffer.from('%PDF'), editSeq: null }, 'test'),
    ).rejects.toBeInstanceOf(CaseConflictError);
    const letter = await json<{ state: string; text: string }>(await call(`/api/cases/${caseId}/appeal-letter`));
    expect(letter).toMatchObject({ state: 'edited', text: 'newer edit' });
  });

  it('lists and downloads every stored document with its exact bytes, audited, and 404 for another organization', async () => {
    const caseId = await deniedCase('x12-278');
    const bytes = randomBytes(3000);
    await call(`/api/cases/${caseId}/documents`, {
      method: 'POST',
      body: JSON.stringify({
        title: 'Imaging order scan',
        contentType: 'application/pdf',
        data: bytes.toString('base64'),
      }),
    });
    const listed = await json<{ items: { documentId: string; kind: string; contentType: string; bytes: number }[] }>(
      await call(`/api/cases/${caseId}/documents`),
    );
    expect(listed.items.map((i) => i.kind)).toEqual(['intake-bundle', 'payer-response:x12-278', 'attachment']);
    const attached = listed.items.find((i) => i.kind === 'attachment');
    expect(attached).toMatchObject({ contentType: 'application/pdf', bytes: 3000 });

    const download = await call(`/api/cases/${caseId}/documents/${attached?.documentId ?? ''}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="case-${caseId}-document-${attached?.documentId ?? ''}.pdf"`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    // The payer's response as received (the X12 278), and the reason it gave, in the packet.
    const response = listed.items.find((i) => i.kind === 'payer-response:x12-278');
    const x12 = await (await call(`/api/cases/${caseId}/documents/${response?.documentId ?? ''}`)).text();
    expect(x12).toContain('HCR*A3');
    const packet = Buffer.from(await (await call(`/api/cases/${caseId}/appeal-packet.pdf`)).arrayBuffer());
    expect(flat(pdfText(dir, packet))).toContain(NOTE);

    const audit = await json<{ entries: { action: string; route: string; status: number }[] }>(
      await call(`/api/cases/${caseId}/audit`),
    );
    expect(audit.entries).toContainEqual(
      expect.objectContaining({
        action: 'view',
        route: `GET /api/cases/:id/documents/${attached?.documentId ?? ''}`,
        status: 200,
      }),
    );

    // Another organization sees neither the case's documents nor, through a case of its own, this document.
    const path = `/api/cases/${caseId}/documents/${attached?.documentId ?? ''}`;
    expect((await call(path, {}, otherKey)).status).toBe(404);
    expect((await call(`/api/cases/${caseId}/documents`, {}, otherKey)).status).toBe(404);
    expect((await call(`/api/cases/${caseId}/appeal-packet.pdf`, {}, otherKey)).status).toBe(404);
    const own = await call(
      '/api/cases?confirmDuplicate=true',
      { method: 'POST', body: JSON.stringify(demo?.bundle) },
      otherKey,
    );
    const { caseId: otherCase } = await json<{ caseId: string }>(own);
    expect((await call(`/api/cases/${otherCase}/documents/${attached?.documentId ?? ''}`, {}, otherKey)).status).toBe(
      404,
    );
  });
});
