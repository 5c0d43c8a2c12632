// The notification rules without I/O: which case events trigger what (and under which key), who receives it,
// what the message says (and does not), and which settings are refused.
import { describe, expect, it } from 'vitest';
import {
  checkPreferences,
  checkWebhookSecret,
  checkWebhookUrl,
  emailFor,
  plannedDeliveries,
  reauthorizationTrigger,
  triggerOfCaseEvent,
  webhookPayloadFor,
  type OrganizationNotificationSettings,
} from './index.ts';

const caseId = '6f1c1c9e-8f2b-4c47-9d7e-2f0a9b1c3d4e';
const event = (type: string, payload: Record<string, unknown>, seq = 7) => ({ caseId, seq, type, payload });

describe('triggers', () => {
  it('notifies a change to pended or to a decision, not a repeated status or other events', () => {
    expect(triggerOfCaseEvent(event('payer.responded', { from: 'submitting', to: 'pended' }))).toEqual({
      kind: 'pended',
      key: `event:${caseId}:7`,
      caseId,
      status: 'pended',
    });
    for (const to of ['approved', 'partially_approved', 'modified', 'denied']) {
      expect(triggerOfCaseEvent(event('payer.responded', { from: 'pended', to }))?.kind).toBe('decision');
    }
    expect(triggerOfCaseEvent(event('payer.responded', { decision: 'pended' }))).toBeUndefined();
    expect(
      triggerOfCaseEvent(event('payer.responded', { from: 'submitting', to: 'needs_information' })),
    ).toBeUndefined();
    expect(
      triggerOfCaseEvent(event('appeal.decided', { outcome: 'overturned', from: 'denied', to: 'approved' })),
    ).toMatchObject({ kind: 'decision', status: 'approved' });
    expect(triggerOfCaseEvent(event('comment.added', { text: 'x' }))).toBeUndefined();
    expect(triggerOfCaseEvent(event('reauthorization.due', { dueAt: '2027-01-01' }))).toBeUndefined();
  });

  it('keys deadlines by their date and requests for information by their request, so repeats notify once', () => {
    const dueAt = '2026-11-05T17:00:00.000Z';
    const first = triggerOfCaseEvent(event('deadline.due_soon', { dueAt }, 8));
    const again = triggerOfCaseEvent(event('deadline.due_soon', { dueAt }, 9));
    expect(first?.key).toBe(again?.key);
    expect(triggerOfCaseEvent(event('deadline.overdue', { dueAt }))).toMatchObject({ kind: 'deadline_expired', dueAt });
    const rfi = triggerOfCaseEvent(event('payer.requested_information', { requestId: 'r1', items: [] }));
    expect(rfi).toMatchObject({ kind: 'information_requested', key: `information_requested:${caseId}:r1` });
    expect(reauthorizationTrigger(caseId, '2027-03-06').key).toBe(`reauthorization_due:${caseId}:2027-03-06`);
  });
});

describe('recipients', () => {
  const organization: OrganizationNotificationSettings = {
    events: ['decision'],
    email: 'Team@clinic.example',
    webhook: { url: 'https://hooks.example.org/k', hasSecret: true },
    reauthorizationLeadDays: 30,
  };

  it('sends each kind to those who chose it, one email per address', () => {
    const users = [
      { userId: 'a', events: ['decision' as const], email: 'team@clinic.example' },
      { userId: 'b', events: ['decision' as const], email: 'b@clinic.example' },
      { userId: 'c', events: ['pended' as const], email: 'c@clinic.example' },
      { userId: 'd', events: ['decision' as const], email: null },
    ];
    expect(plannedDeliveries('decision', organization, users)).toEqual([
      { recipient: 'organization', channel: 'email', address: 'Team@clinic.example' },
      { recipient: 'organization', channel: 'webhook', address: 'https://hooks.example.org/k' },
      { recipient: 'user:b', channel: 'email', address: 'b@clinic.example' },
    ]);
    expect(plannedDeliveries('pended', organization, users)).toEqual([
      { recipient: 'user:c', channel: 'email', address: 'c@clinic.example' },
    ]);
    expect(plannedDeliveries('decision', undefined, [])).toEqual([]);
  });
});

describe('messages', () => {
  const facts = {
    kind: 'decision' as const,
    caseId,
    orderCode: '72148',
    payerName: 'Acme Health',
    status: 'denied' as const,
    occurredAt: '2026-11-02T10:00:00.000Z',
  };

  it('say the case, order, payer and status, with a link to the case page', () => {
    const mail = emailFor(facts, 'https://klivira.example.org/');
    expect(mail.subject).toBe("[Klivira] The payer's decision: denied (case 6f1c1c9e, 72148, Acme Health)");
    expect(mail.text).toContain(`https://klivira.example.org/cases/${caseId}`);
    expect(webhookPayloadFor(facts, 'https://klivira.example.org')).toMatchObject({
      type: 'case.decision',
      data: { caseId, orderCode: '72148', payer: 'Acme Health', status: 'denied' },
    });
  });
});

describe('settings', () => {
  const strict = { allowLoopbackHttp: false, allowPrivateNetworks: false };

  it('refuses unknown kinds, repeated kinds and addresses that are not one plain address', () => {
    expect(checkPreferences({ events: ['decision'], email: 'a.b+pa@clinic.example' })).toEqual([]);
    expect(checkPreferences({ events: ['nope'], email: null })[0]?.location).toBe('events[0]');
    expect(checkPreferences({ events: ['decision', 'decision'], email: null })).toHaveLength(1);
    for (const email of ['a@b', 'Ann <a@b.example>', 'a@b.example\nBcc: c@d.example', 'a b@c.example']) {
      expect(checkPreferences({ events: [], email }), email).toHaveLength(1);
    }
  });

  it('takes https webhooks to public hosts; http and private targets only when allowed', () => {
    expect(checkWebhookUrl('https://hooks.example.org/klivira', strict)).toEqual([]);
    for (const url of [
      'http://hooks.example.org/k',
      'https://localhost/k',
      'https://127.0.0.1/k',
      'https://10.0.0.1/k',
      'https://172.20.1.1/k',
      'https://192.168.0.10/k',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/k',
      'https://[::1]/k',
      'https://[fd12::1]/k',
      'https://[fe80::1]/k',
      'https://[::ffff:10.0.0.1]/k',
      'ftp://hooks.example.org/k',
      'https://user:pass@hooks.example.org/k',
      'not a url',
    ]) {
      expect(checkWebhookUrl(url, strict), url).toHaveLength(1);
    }
    expect(
      checkWebhookUrl('http://127.0.0.1:8080/k', { allowLoopbackHttp: true, allowPrivateNetworks: false }),
    ).toEqual([]);
    expect(checkWebhookUrl('https://10.0.0.1/k', { allowLoopbackHttp: false, allowPrivateNetworks: true })).toEqual([]);
  });

  it('takes Standard Webhooks secrets of 24 to 64 bytes', () => {
    expect(checkWebhookSecret(`whsec_${Buffer.alloc(32, 7).toString('base64')}`)).toEqual([]);
    expect(checkWebhookSecret(`whsec_${Buffer.alloc(8).toString('base64')}`)).toHaveLength(1);
    expect(checkWebhookSecret('secret')).toHaveLength(1);
  });
});
