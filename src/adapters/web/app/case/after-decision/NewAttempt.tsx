// "Start a new attempt" after an adverse decision: back to draft, determined again, optionally for a changed order
// code (e.g. 72148 instead of 72149), with the reason recorded in the case's events.
import { useState, type SyntheticEvent } from 'react';
import { api } from '../../api.ts';
import { ActionError, ReasonField } from '../ReasonField.tsx';

/** The order codes the API accepts: CPT/HCPCS Level I (5 characters) or HCPCS Level II. */
const ORDER_CODE = '([0-9]{4}[0-9FTU]|[A-V][0-9]{4})';

export function NewAttemptForm({ caseId, onStarted }: { caseId: string; onStarted: () => void }) {
  const [orderCode, setOrderCode] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const start = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const code = orderCode.trim();
      await api('POST', `/api/cases/${caseId}/attempts`, {
        reason: reason.trim(),
        ...(code ? { orderCode: code } : {}),
      });
      onStarted();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="after-decision-form" onSubmit={(e) => void start(e)} aria-labelledby="new-attempt-title">
      <h3 id="new-attempt-title">Start a new attempt</h3>
      <div className="question">
        <label htmlFor="attempt-order">Changed order code (optional, e.g. 72148)</label>
        <input
          id="attempt-order"
          value={orderCode}
          pattern={ORDER_CODE}
          aria-describedby="attempt-order-hint"
          onChange={(e) => setOrderCode(e.target.value)}
        />
        <span id="attempt-order-hint" className="hint">
          Leave empty to send the same order again.
        </span>
      </div>
      <ReasonField
        id="attempt-reason"
        label="Reason (at least 3 characters)"
        value={reason}
        onChange={setReason}
        minLength={3}
        maxLength={1000}
      />
      <ActionError action="Not started" error={error} />
      <button type="submit" disabled={busy || reason.trim().length < 3}>
        Start new attempt
      </button>
    </form>
  );
}
