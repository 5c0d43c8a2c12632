// Appeals of an adverse decision: the list with each appeal's state and clock (the filing deadline while drafting,
// the reviewer's decision due once filed: time left or overdue, in words), "Mark filed" and "Record outcome" for a
// user who may submit, and the form that opens one (reconsideration, appeal or external review, expedited or not).
import { useState, type SyntheticEvent } from 'react';
import { api } from '../../api.ts';
import { dueClock, formatDateTime } from '../../format.ts';
import type { Appeal, AppealKind, AppealOutcome } from '../../types.ts';
import { ActionError, ReasonField } from '../ReasonField.tsx';

export const KIND_LABELS: Record<AppealKind, string> = {
  reconsideration: 'Reconsideration',
  appeal: 'Appeal',
  external_review: 'External review',
};

const STATE_LABELS: Record<Appeal['state'], string> = {
  drafting: 'Drafting (not filed yet)',
  filed: 'Filed, awaiting decision',
  decided: 'Decided',
  withdrawn: 'Withdrawn',
};

const OUTCOME_LABELS: Record<AppealOutcome, string> = {
  overturned: 'Overturned (approved)',
  partially_overturned: 'Partially overturned',
  upheld: 'Upheld (still denied)',
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The appeal's running clock in words: to the filing deadline while drafting, to the decision once filed. */
function Clock({ appeal }: { appeal: Appeal }) {
  const due =
    appeal.state === 'drafting' ? appeal.filingDeadline : appeal.state === 'filed' ? appeal.decisionDueAt : null;
  if (!due)
    return <>{appeal.state === 'decided' || appeal.state === 'withdrawn' ? '—' : (appeal.unknown ?? 'Unknown')}</>;
  const clock = dueClock(due, Date.now());
  const what = appeal.state === 'drafting' ? 'to file' : 'for the decision';
  return (
    <span className={clock.overdue ? 'due overdue' : 'due'} data-overdue={String(clock.overdue)}>
      {clock.overdue ? `${clock.text} (${what})` : `${clock.text} ${what}`}
    </span>
  );
}

export function AppealList({
  caseId,
  appeals,
  canAct,
  onChanged,
}: {
  caseId: string;
  appeals: Appeal[];
  canAct: boolean;
  onChanged: () => void;
}) {
  if (appeals.length === 0) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-label="Appeals, scrollable">
      <table className="appeals">
        <caption>Appeals</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">State</th>
            <th scope="col">Filing deadline</th>
            <th scope="col">Decision due</th>
            <th scope="col">Time left</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {appeals.map((appeal) => (
            <tr key={appeal.id} data-appeal-state={appeal.state}>
              <th scope="row">
                {KIND_LABELS[appeal.kind]} (level {appeal.level})
                <span className="sub">
                  {appeal.lineOfBusiness}
                  {appeal.expedited ? ', expedited' : ''}
                </span>
              </th>
              <td className="appeal-state">{STATE_LABELS[appeal.state]}</td>
              <td>{appeal.filingDeadline ? formatDateTime(appeal.filingDeadline) : '—'}</td>
              <td>
                {appeal.decisionDueAt ? formatDateTime(appeal.decisionDueAt) : '—'}
                {appeal.decisionWindow && <span className="sub">{appeal.decisionWindow.text}</span>}
                {appeal.sources.length > 0 && (
                  <details>
                    <summary>Rules behind the clock</summary>
                    <ul>
                      {appeal.sources.map((source) => (
                        <li key={source}>{source}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td>
                <Clock appeal={appeal} />
              </td>
              <td>
                {appeal.outcome ? OUTCOME_LABELS[appeal.outcome] : '—'}
                {canAct && <AppealActions caseId={caseId} appeal={appeal} onChanged={onChanged} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AppealActions({ caseId, appeal, onChanged }: { caseId: string; appeal: Appeal; onChanged: () => void }) {
  const [outcome, setOutcome] = useState<AppealOutcome>('overturned');
  const [authorization, setAuthorization] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const base = `/api/cases/${caseId}/appeals/${appeal.id}`;
  const act = async (path: string, body: unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', path, body);
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const record = (event: SyntheticEvent) => {
    event.preventDefault();
    void act(`${base}/outcome`, {
      outcome,
      ...(authorization.trim() ? { authorizationNumber: authorization.trim() } : {}),
    });
  };
  return (
    <div className="appeal-actions">
      {appeal.state === 'drafting' && (
        <button type="button" disabled={busy} onClick={() => void act(`${base}/filed`, {})}>
          Mark filed
        </button>
      )}
      {appeal.state === 'filed' && (
        <form
          onSubmit={record}
          aria-label={`Record the outcome of ${KIND_LABELS[appeal.kind]} level ${String(appeal.level)}`}
        >
          <div className="question">
            <label htmlFor={`outcome-${appeal.id}`}>Outcome</label>
            <select
              id={`outcome-${appeal.id}`}
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as AppealOutcome)}
            >
              {Object.entries(OUTCOME_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {outcome !== 'upheld' && (
            <div className="question">
              <label htmlFor={`authorization-${appeal.id}`}>Authorization number (optional)</label>
              <input
                id={`authorization-${appeal.id}`}
                value={authorization}
                maxLength={80}
                onChange={(e) => setAuthorization(e.target.value)}
              />
            </div>
          )}
          <button type="submit" disabled={busy}>
            Record outcome
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          Not recorded: {error}
        </p>
      )}
    </div>
  );
}

/** The first level of appeal of a line of business (Medicare Advantage starts with a reconsideration). */
const firstLevel = (lineOfBusiness: string): AppealKind =>
  lineOfBusiness === 'medicare_advantage' ? 'reconsideration' : 'appeal';

export function OpenAppealForm({
  caseId,
  lineOfBusiness,
  onOpened,
}: {
  caseId: string;
  lineOfBusiness: string;
  onOpened: () => void;
}) {
  const [kind, setKind] = useState<AppealKind>(firstLevel(lineOfBusiness));
  const [expedited, setExpedited] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const open = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/api/cases/${caseId}/appeals`, { kind, expedited, reason: reason.trim() });
      setReason('');
      onOpened();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="after-decision-form" onSubmit={(e) => void open(e)} aria-labelledby="open-appeal-title">
      <h3 id="open-appeal-title">Open an appeal</h3>
      <fieldset>
        <legend>Kind</legend>
        {Object.entries(KIND_LABELS).map(([value, label]) => (
          <label key={value} className="inline">
            <input
              type="radio"
              name="appeal-kind"
              checked={kind === value}
              onChange={() => setKind(value as AppealKind)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="inline">
        <input type="checkbox" checked={expedited} onChange={(e) => setExpedited(e.target.checked)} />
        Expedited (waiting could seriously jeopardize the patient’s health)
      </label>
      <ReasonField
        id="appeal-reason"
        label="Reason for the appeal (at least 3 characters)"
        value={reason}
        onChange={setReason}
        minLength={3}
        maxLength={1000}
      />
      <ActionError action="Not opened" error={error} />
      <button type="submit" disabled={busy || reason.trim().length < 3}>
        Open appeal
      </button>
    </form>
  );
}
