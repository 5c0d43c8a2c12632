// Send the case to the payer: the channel (Da Vinci PAS or X12 278), an override reason when the determination is
// not `meets` (or no PA required), and a fresh Idempotency-Key per click, so a double click cannot send twice.
// Shown only to users whose permissions include `cases:submit` (the API refuses the others too).
import { useState, type SyntheticEvent } from 'react';
import { api } from '../api.ts';
import type { StoredCase } from '../types.ts';
import { ActionError, ReasonField } from './ReasonField.tsx';

/** The states from which the lifecycle lets a case be sent (src/core/case/lifecycle.ts). */
const SENDABLE = new Set(['draft', 'needs_information', 'ready']);

export function SubmitPanel({ stored, onQueued }: { stored: StoredCase; onQueued: () => void }) {
  const [channel, setChannel] = useState<'pas' | 'x12-278'>('pas');
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const outcome = stored.determination.determination;
  const needsOverride = outcome !== 'meets' && outcome !== 'not_required';
  if (!SENDABLE.has(stored.status)) return null;
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      await api(
        'POST',
        `/api/cases/${stored.caseId}/submissions`,
        { channel, ...(needsOverride ? { override: { reason: reason.trim() } } : {}) },
        { 'idempotency-key': crypto.randomUUID() },
      );
      onQueued();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="submit-panel" onSubmit={(e) => void submit(e)} aria-labelledby="submit-title">
      <h2 id="submit-title">Submit to the payer</h2>
      <fieldset>
        <legend>Channel</legend>
        <label className="inline">
          <input type="radio" name="channel" checked={channel === 'pas'} onChange={() => setChannel('pas')} />
          Da Vinci PAS (FHIR)
        </label>
        <label className="inline">
          <input type="radio" name="channel" checked={channel === 'x12-278'} onChange={() => setChannel('x12-278')} />
          X12 278
        </label>
      </fieldset>
      {needsOverride && (
        <ReasonField
          id="override-reason"
          label="Override reason (required: the determination is not “meets”)"
          value={reason}
          onChange={setReason}
          minLength={1}
          maxLength={500}
        />
      )}
      <ActionError action="Not submitted" error={error} />
      <button type="submit" disabled={sending || (needsOverride && reason.trim() === '')}>
        {sending ? 'Submitting…' : needsOverride ? 'Submit with override' : 'Submit'}
      </button>
    </form>
  );
}
