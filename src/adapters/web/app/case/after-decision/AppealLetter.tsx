// The appeal's documents: the packet and peer-to-peer brief PDFs (download links), and the appeal letter, editable
// (Save) until it is made final (Make final freezes the packet and stores it as a case document).
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';

interface AppealLetter {
  text: string;
  state: 'draft' | 'edited' | 'final';
  editedAt: string | null;
  finalizedAt: string | null;
  documentId: string | null;
}

const STATE_LABELS: Record<AppealLetter['state'], string> = {
  draft: 'Generated draft, not edited',
  edited: 'Edited, not final',
  final: 'Final',
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function AppealDocuments({
  caseId,
  canEdit,
  onChanged,
}: {
  caseId: string;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [letter, setLetter] = useState<AppealLetter>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const path = `/api/cases/${caseId}/appeal-letter`;
  const show = (loaded: AppealLetter) => {
    setLetter(loaded);
    setText(loaded.text);
  };
  useEffect(() => {
    api<AppealLetter>('GET', path).then(show, (error: unknown) =>
      setMessage({ error: true, text: `The appeal letter could not be loaded: ${messageOf(error)}` }),
    );
  }, [path]);

  const act = async (method: 'PUT' | 'POST', url: string, body: unknown, done: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      show(await api<AppealLetter>(method, url, body));
      setMessage({ error: false, text: done });
      onChanged();
    } catch (error) {
      setMessage({ error: true, text: `Not saved: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  };
  const final = letter?.state === 'final';
  return (
    <section aria-labelledby="appeal-documents-title">
      <h3 id="appeal-documents-title">Appeal documents</h3>
      <ul>
        <li>
          <a href={`/api/cases/${caseId}/appeal-packet.pdf`} download>
            Appeal packet (PDF)
          </a>
        </li>
        <li>
          <a href={`/api/cases/${caseId}/p2p-brief.pdf`} download>
            Peer-to-peer brief (PDF)
          </a>
        </li>
      </ul>
      {letter && (
        <div className="question">
          <label htmlFor="appeal-letter">Appeal letter</label>
          <p id="appeal-letter-state" className="hint">
            {STATE_LABELS[letter.state]}
            {letter.finalizedAt ? `, made final ${formatDateTime(letter.finalizedAt)}` : ''}
            {!letter.finalizedAt && letter.editedAt ? `, saved ${formatDateTime(letter.editedAt)}` : ''}
          </p>
          <textarea
            id="appeal-letter"
            className="appeal-letter"
            aria-describedby="appeal-letter-state"
            readOnly={final || !canEdit}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {canEdit && !final && (
            <div className="inline-form">
              <button
                type="button"
                className="secondary"
                disabled={busy || text.trim() === '' || text === letter.text}
                onClick={() => void act('PUT', path, { text }, 'Letter saved.')}
              >
                Save letter
              </button>
              <button
                type="button"
                disabled={busy || text !== letter.text}
                onClick={() => void act('POST', `${path}/final`, undefined, 'Letter made final; the packet is stored.')}
              >
                Make final
              </button>
            </div>
          )}
        </div>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}
