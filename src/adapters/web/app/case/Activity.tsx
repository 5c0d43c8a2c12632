// The case's activity: payer responses (decision, authorization number, validity), documents (upload and
// download), assignment, comments, and the event timeline with who did what.
import { useEffect, useState, type SyntheticEvent } from 'react';
import { api } from '../api.ts';
import { formatDateTime, statusLabel } from '../format.ts';
import type { CaseEvent, StoredCase, User } from '../types.ts';

interface PayerResponse {
  outcome?: string;
  channel?: string;
  items?: { sequence?: number; action?: string; authorizationNumber?: string; reasonCodes?: string[] }[];
}

/** The payer's review actions (X12 306, both channels) in the coordinator's words. */
const DECISIONS: Record<string, string> = {
  certified: 'Approved (certified)',
  partial: 'Partially approved',
  not_certified: 'Denied (not certified)',
  pended: 'Pended',
  modified: 'Approved with changes',
  cancelled: 'Cancelled',
  contact_payer: 'Contact the payer',
  no_action_required: 'No authorization required',
};

export function PayerResponses({ stored }: { stored: StoredCase }) {
  const responses = stored.events.filter((e) => e.type === 'payer.responded');
  return (
    <section aria-labelledby="responses-title">
      <h2 id="responses-title">Payer responses</h2>
      {responses.length === 0 ? (
        <p>No response from the payer yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Channel</th>
              <th scope="col">Decision</th>
              <th scope="col">Authorization number</th>
              <th scope="col">Reasons</th>
            </tr>
          </thead>
          <tbody>
            {responses.map((event) => {
              const payload = event.payload as PayerResponse;
              const numbers = (payload.items ?? []).map((i) => i.authorizationNumber).filter(Boolean);
              const reasons = (payload.items ?? []).flatMap((i) => i.reasonCodes ?? []);
              return (
                <tr key={event.seq}>
                  <td>{formatDateTime(event.at)}</td>
                  <td>{payload.channel ?? '—'}</td>
                  <td className="decision">
                    {DECISIONS[payload.outcome ?? ''] ?? statusLabel(payload.outcome ?? 'unknown')}
                  </td>
                  <td>{numbers.join(', ') || '—'}</td>
                  <td>{reasons.join(', ') || '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {stored.authorization && (
        <p className="authorization">
          Authorization <strong>{stored.authorization.number}</strong>
          {stored.authorization.validFrom || stored.authorization.validTo
            ? `, valid ${stored.authorization.validFrom ?? '…'} to ${stored.authorization.validTo ?? '…'}`
            : ''}
        </p>
      )}
    </section>
  );
}

/** A stored document of the case (GET /api/cases/:id/documents): attachments, payer responses, appeal packets. */
interface StoredDocument {
  documentId: string;
  kind: string;
  title: string;
  contentType: string;
  bytes: number;
  storedAt: string;
}

const ACCEPTED = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain', 'text/html'];

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve((typeof reader.result === 'string' ? reader.result : '').replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

export function Documents({
  stored,
  canAttach,
  onChanged,
}: {
  stored: StoredCase;
  canAttach: boolean;
  onChanged: () => void;
}) {
  const [file, setFile] = useState<File>();
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const [documents, setDocuments] = useState<StoredDocument[] | { error: string }>();
  useEffect(() => {
    api<{ items: StoredDocument[] }>('GET', `/api/cases/${stored.caseId}/documents`).then(
      (answer) => setDocuments(answer.items),
      (error: unknown) => setDocuments({ error: error instanceof Error ? error.message : String(error) }),
    );
    // Listed again whenever the case changes (an upload, a payer's answer).
  }, [stored.caseId, stored.updatedAt]);
  const upload = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!file) return;
    try {
      if (!ACCEPTED.includes(file.type)) {
        throw new Error(`a ${file.type || 'file of unknown type'} cannot be attached (PDF, image or text)`);
      }
      await api('POST', `/api/cases/${stored.caseId}/documents`, {
        title: file.name,
        contentType: file.type,
        data: await base64Of(file),
      });
      setMessage({ error: false, text: `${file.name} attached.` });
      setFile(undefined);
      onChanged();
    } catch (failure) {
      setMessage({
        error: true,
        text: `Not attached: ${failure instanceof Error ? failure.message : String(failure)}`,
      });
    }
  };
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">Documents</h2>
      {documents === undefined && <p>Loading the documents…</p>}
      {documents && 'error' in documents && (
        <p className="error">The documents could not be listed: {documents.error}</p>
      )}
      {Array.isArray(documents) && documents.length === 0 && <p>No documents.</p>}
      {Array.isArray(documents) && documents.length > 0 && (
        <ul className="documents">
          {documents.map((doc) => (
            <li key={doc.documentId}>
              <a href={`/api/cases/${stored.caseId}/documents/${encodeURIComponent(doc.documentId)}`} download>
                {doc.title}
              </a>{' '}
              <span className="sub">
                {doc.kind}, {doc.contentType}, {doc.bytes.toLocaleString('en-US')} bytes, {formatDateTime(doc.storedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canAttach && (
        <form onSubmit={(e) => void upload(e)} className="inline-form">
          <label htmlFor="document-file">Attach a document</label>
          <input
            id="document-file"
            type="file"
            accept={ACCEPTED.join(',')}
            onChange={(e) => setFile(e.target.files?.[0])}
          />
          <button type="submit" disabled={!file}>
            Upload
          </button>
        </form>
      )}
      <p role="status" className={message?.error ? 'error' : undefined}>
        {message?.text}
      </p>
    </section>
  );
}

export function AssignAndComment({
  stored,
  canAssign,
  canComment,
  onChanged,
}: {
  stored: StoredCase;
  canAssign: boolean;
  canComment: boolean;
  onChanged: () => void;
}) {
  const [users, setUsers] = useState<User[]>([]);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  useEffect(() => {
    if (!canAssign) return;
    api<{ items: User[] }>('GET', '/api/users').then(
      (answer) => setUsers(answer.items),
      () => setUsers([]),
    );
  }, [canAssign]);
  const assigned = [...stored.events].reverse().find((e) => e.type === 'case.assigned');
  const assignee = (assigned?.payload as { assignee?: string | null } | undefined)?.assignee ?? null;
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setMessage({ error: false, text: done });
      onChanged();
    } catch (failure) {
      setMessage({ error: true, text: failure instanceof Error ? failure.message : String(failure) });
    }
  };
  const assign = (value: string) =>
    void run(
      () => api('PUT', `/api/cases/${stored.caseId}/assignee`, { assignee: value || null }),
      value ? 'Assigned.' : 'Unassigned.',
    );
  const send = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', `/api/cases/${stored.caseId}/comments`, { text: comment.trim() });
      setComment('');
    }, 'Comment added.');
  };
  return (
    <section aria-labelledby="work-title">
      <h2 id="work-title">Assignment and comments</h2>
      {canAssign ? (
        <div className="question">
          <label htmlFor="assignee">Assignee</label>
          <select id="assignee" value={assignee ?? ''} onChange={(e) => assign(e.target.value)}>
            <option value="">Unassigned</option>
            {assignee && !users.some((u) => u.id === assignee) && <option value={assignee}>{assignee}</option>}
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.role})
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p>Assignee: {assignee ?? 'Unassigned'}</p>
      )}
      {canComment && (
        <form onSubmit={send}>
          <div className="question">
            <label htmlFor="comment">Comment</label>
            <textarea
              id="comment"
              required
              maxLength={10_000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <button type="submit" disabled={comment.trim() === ''}>
            Add comment
          </button>
        </form>
      )}
      <p role="status" className={message?.error ? 'error' : undefined}>
        {message?.text}
      </p>
    </section>
  );
}

function describe(event: CaseEvent): string {
  const p = (event.payload ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (event.type) {
    case 'comment.added':
      return `Comment: ${text(p.text)}`;
    case 'case.assigned':
      return p.assignee ? `Assigned to ${text(p.assignee)}` : 'Unassigned';
    case 'determination.made':
      return `Determination: ${statusLabel(text(p.determination) || 'made')}`;
    case 'document.attached':
      return `Document attached: ${text(p.title)}`;
    default:
      return event.type;
  }
}

export function Timeline({ events }: { events: CaseEvent[] }) {
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol className="timeline">
        {events.map((event) => {
          const p = (event.payload ?? {}) as { from?: string; to?: string };
          return (
            <li key={event.seq}>
              <time dateTime={event.at}>{formatDateTime(event.at)}</time> <strong>{describe(event)}</strong>
              {p.from && p.to && (
                <span>
                  {' '}
                  ({statusLabel(p.from)} → {statusLabel(p.to)})
                </span>
              )}{' '}
              <span className="sub">by {event.actor}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
