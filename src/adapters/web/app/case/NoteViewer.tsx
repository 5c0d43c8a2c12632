// A clinical note with the cited span highlighted at its offsets (<mark>, scrolled into view and focused so a
// screen reader reads it). The note comes from GET /api/cases/:id/notes/:ref, decoded as the evidence reader saw it.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import type { Citation, Note } from '../types.ts';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; note: Note };

export function NoteViewer({ caseId, citation, onClose }: { caseId: string; citation: Citation; onClose: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    api<Note>('GET', `/api/cases/${caseId}/notes/${encodeURIComponent(citation.reference)}`).then(
      (note) => current && setLoad({ state: 'done', note }),
      (error: unknown) =>
        current && setLoad({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [caseId, citation.reference]);
  useEffect(() => {
    if (load.state !== 'done' || !mark.current) return;
    mark.current.scrollIntoView({ block: 'center' });
    mark.current.focus({ preventScroll: true });
  }, [load, citation.start]);
  const start = citation.start ?? 0;
  const end = citation.end ?? start;
  return (
    <section className="note-viewer" aria-labelledby="note-title">
      <div className="note-head">
        <h2 id="note-title">
          {load.state === 'done' ? (load.note.title ?? 'Clinical note') : 'Clinical note'}
          {load.state === 'done' && load.note.date && <span className="sub"> {load.note.date}</span>}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close note
        </button>
      </div>
      {load.state === 'loading' && <p role="status">Loading the note…</p>}
      {load.state === 'error' && <p role="alert">The note could not be loaded: {load.message}</p>}
      {load.state === 'done' && (
        <pre className="note-text" tabIndex={0} aria-label="Note text">
          {load.note.text.slice(0, start)}
          <mark ref={mark} tabIndex={-1}>
            {load.note.text.slice(start, end)}
          </mark>
          {load.note.text.slice(end)}
        </pre>
      )}
    </section>
  );
}
