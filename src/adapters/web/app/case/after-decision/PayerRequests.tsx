// The payer's requests for more information on a pended case: what was asked, and for a user who may submit, the
// answer drafted by the server from the case's documents and cited evidence, reviewed here (the documents chosen per
// requested item) and sent once with a fresh Idempotency-Key. The case page's polling then follows the decision.
import { useState, type SyntheticEvent } from 'react';
import { api } from '../../api.ts';
import { CRITERION_LABELS, formatDateTime } from '../../format.ts';
import type { CriterionStatus, PayerRequest, RequestedItem } from '../../types.ts';

/** GET /api/cases/:id/payer-requests/:requestId/answer: the draft for a person to review. */
interface AnswerDraft {
  requestId: string;
  items: { itemIndex: number; requested: RequestedItem; suggestedDocumentIds: string[] }[];
  documents: { documentId: string; source: string; title: string; contentType: string; date?: string }[];
  evidenceSummary: {
    criteria: { id: string; text: string; status: string; evidence: { reference: string; quote: string }[] }[];
    missingDocumentation: { id: string; text: string }[];
  };
}

const STATE_LABELS: Record<PayerRequest['state'], string> = {
  open: 'Open: not answered yet',
  answering: 'Answer queued, being sent',
  answered: 'Answered',
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function PayerRequests({
  caseId,
  requests,
  canAnswer,
  onSent,
}: {
  caseId: string;
  requests: PayerRequest[];
  canAnswer: boolean;
  onSent: () => void;
}) {
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">The payer’s requests for information</h2>
      {requests.map((request, n) => (
        <article key={request.id} className="payer-request" aria-labelledby={`request-${request.id}`}>
          <h3 id={`request-${request.id}`}>
            Request {n + 1}, received {formatDateTime(request.requestedAt)}{' '}
            <span className="sub">
              via {request.channel}; {STATE_LABELS[request.state]}
              {request.sentAt ? ` (sent ${formatDateTime(request.sentAt)})` : ''}
            </span>
          </h3>
          <ul>
            {request.items.map((item, i) => (
              <li key={i}>
                {item.description} <span className="sub">({item.code})</span>
              </li>
            ))}
          </ul>
          {request.lastError && <p className="error">The last send failed: {request.lastError}</p>}
          {canAnswer && request.state === 'open' && <AnswerForm caseId={caseId} request={request} onSent={onSent} />}
        </article>
      ))}
    </section>
  );
}

type Load =
  | { state: 'closed' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'open'; draft: AnswerDraft };

function AnswerForm({ caseId, request, onSent }: { caseId: string; request: PayerRequest; onSent: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'closed' });
  const [chosen, setChosen] = useState<Record<number, string[]>>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const path = `/api/cases/${caseId}/payer-requests/${request.id}/answer`;

  const prepare = async () => {
    setLoad({ state: 'loading' });
    try {
      const draft = await api<AnswerDraft>('GET', path);
      setChosen(Object.fromEntries(draft.items.map((i) => [i.itemIndex, i.suggestedDocumentIds])));
      setLoad({ state: 'open', draft });
    } catch (failure) {
      setLoad({ state: 'error', message: messageOf(failure) });
    }
  };

  if (load.state !== 'open') {
    return (
      <>
        <button type="button" onClick={() => void prepare()} disabled={load.state === 'loading'}>
          {load.state === 'loading' ? 'Preparing the answer…' : 'Prepare answer'}
        </button>
        {load.state === 'error' && (
          <p role="alert" className="error">
            The answer could not be prepared: {load.message}
          </p>
        )}
      </>
    );
  }
  const { draft } = load;
  const toggle = (itemIndex: number, documentId: string, on: boolean) =>
    setChosen((current) => {
      const ids = (current[itemIndex] ?? []).filter((id) => id !== documentId);
      return { ...current, [itemIndex]: on ? [...ids, documentId] : ids };
    });
  const empty = draft.items.some((i) => (chosen[i.itemIndex] ?? []).length === 0);
  const send = async (event: SyntheticEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const items = draft.items.map((i) => ({ itemIndex: i.itemIndex, documentIds: chosen[i.itemIndex] ?? [] }));
      await api('POST', path, { items }, { 'idempotency-key': crypto.randomUUID() });
      onSent();
    } catch (failure) {
      setError(messageOf(failure));
      setSending(false);
    }
  };
  return (
    <form className="answer-form" onSubmit={(e) => void send(e)} aria-label="Answer to the payer">
      {draft.items.map((item) => (
        <fieldset key={item.itemIndex}>
          <legend>Documents for: {item.requested.description}</legend>
          {draft.documents.map((doc) => (
            <label key={doc.documentId} className="inline">
              <input
                type="checkbox"
                checked={(chosen[item.itemIndex] ?? []).includes(doc.documentId)}
                onChange={(e) => toggle(item.itemIndex, doc.documentId, e.target.checked)}
              />
              {doc.title}
              {doc.date ? <span className="sub">{doc.date}</span> : null}
            </label>
          ))}
        </fieldset>
      ))}
      <details>
        <summary>Evidence summary sent with the answer</summary>
        <ul>
          {draft.evidenceSummary.criteria.map((c) => (
            <li key={c.id}>
              <strong>{CRITERION_LABELS[c.status as CriterionStatus] ?? c.status}:</strong> {c.text}
              {c.evidence.length > 0 && (
                <ul>
                  {c.evidence.map((e, i) => (
                    <li key={i}>
                      “{e.quote}” <span className="sub">{e.reference}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </details>
      {empty && <p className="hint">Choose at least one document for every requested item.</p>}
      {error && (
        <p role="alert" className="error">
          Not sent: {error}
        </p>
      )}
      <button type="submit" disabled={sending || empty}>
        {sending ? 'Sending…' : 'Send answer to the payer'}
      </button>
    </form>
  );
}
