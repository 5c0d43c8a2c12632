// One case: the determination as the policy's criteria tree with evidence (a quote opens its note, highlighted),
// missing documentation and its questionnaire, denial risk, the policy and its source, submission with live
// status (polled every 2 s while the payer has the case, announced to screen readers), payer responses,
// documents, assignment, comments and the timeline.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { IN_FLIGHT, OUTCOME_LABELS, RISK_LABELS, formatDateTime, statusLabel } from '../format.ts';
import { Link } from '../router.tsx';
import { clearReady, markReady } from '../ready.ts';
import { can, useSession } from '../session.tsx';
import type { Citation, Policy, Questionnaire, QuestionnaireResponse, StoredCase } from '../types.ts';
import { AssignAndComment, Documents, PayerResponses, Timeline } from './Activity.tsx';
import { CriteriaTree } from './CriteriaTree.tsx';
import { NoteViewer } from './NoteViewer.tsx';
import { QuestionnaireForm } from './QuestionnaireForm.tsx';
import { SubmitPanel } from './SubmitPanel.tsx';
import { AfterDecision } from './after-decision/AfterDecision.tsx';
import { PayerRequests } from './after-decision/PayerRequests.tsx';

const POLL_MS = 2_000;

type Load =
  { state: 'loading' } | { state: 'error'; message: string; status?: number } | { state: 'done'; stored: StoredCase };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function CasePage({ caseId }: { caseId: string }) {
  const me = useSession();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [policy, setPolicy] = useState<Policy | null>();
  const [quote, setQuote] = useState<Citation>();
  const [watching, setWatching] = useState(false);
  const opener = useRef<HTMLElement | null>(null);

  const refresh = useCallback(async () => {
    try {
      const stored = await api<StoredCase>('GET', `/api/cases/${caseId}`);
      setLoad({ state: 'done', stored });
      return stored;
    } catch (error) {
      setLoad({
        state: 'error',
        message: messageOf(error),
        ...(error instanceof ApiError ? { status: error.status } : {}),
      });
      return undefined;
    }
  }, [caseId]);

  useEffect(() => {
    clearReady();
    void refresh();
  }, [refresh]);

  const determination = load.state === 'done' ? load.stored.determination : undefined;
  const policyKey = determination?.policy ? `${determination.policy.id}?asOf=${determination.asOf}` : undefined;
  useEffect(() => {
    if (!determination) return;
    if (!determination.policy) {
      setPolicy(null);
      return;
    }
    api<Policy>('GET', `/api/policies/${encodeURIComponent(determination.policy.id)}?asOf=${determination.asOf}`).then(
      setPolicy,
      () => setPolicy(null), // the criteria are then listed flat
    );
    // The policy changes only with its id and evaluation date.
  }, [policyKey]);

  useEffect(() => {
    if (load.state === 'done' && policy !== undefined) markReady('case');
  }, [load, policy]);

  // Live status: poll while the payer has the case (or a send was just queued), until a decision.
  const status = load.state === 'done' ? load.stored.status : undefined;
  const polling = status !== undefined && (IN_FLIGHT.has(status) || watching);
  useEffect(() => {
    if (!polling) return;
    const timer = window.setInterval(() => {
      void refresh().then((stored) => {
        if (stored && !IN_FLIGHT.has(stored.status) && stored.status !== 'ready') setWatching(false);
      });
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [polling, refresh]);

  if (load.state === 'loading') {
    return (
      <main id="main" className="page" aria-busy="true">
        <p role="status">Loading the case…</p>
      </main>
    );
  }
  if (load.state === 'error') {
    return (
      <main id="main" className="page">
        <h1>{load.status === 404 ? 'Case not found' : 'The case could not be loaded'}</h1>
        <p role="alert">{load.message}</p>
        <p>
          <Link to="/queue">Back to the work queue</Link>
        </p>
      </main>
    );
  }
  const stored = load.stored;
  const d = stored.determination;
  const notMet = new Set(d.criteria.filter((c) => c.status === 'not_met').map((c) => c.id));
  // A criterion already found not met asks for nothing: more paper cannot make it met.
  const missing = d.missingDocumentation.filter((m) => !notMet.has(m.id));
  const openQuote = (citation: Citation, from: HTMLElement) => {
    opener.current = from;
    setQuote(citation);
  };
  const closeQuote = () => {
    setQuote(undefined);
    opener.current?.focus();
  };
  return (
    <main id="main" className="page case-page">
      <p className="crumbs">
        <Link to="/queue">Work queue</Link> › Case
      </p>
      <h1>
        {d.order.display} <span className="sub">({d.order.code})</span>
      </h1>
      <dl className="facts">
        <div>
          <dt>Patient</dt>
          <dd>
            {stored.patient.name ?? 'Unnamed patient'}{' '}
            <span className="sub">
              born {stored.patient.birthDate ?? 'unknown'}, MRN {stored.patient.mrn ?? 'unknown'}
            </span>
          </dd>
        </div>
        <div>
          <dt>Payer</dt>
          <dd>
            {d.payer.name} <span className="sub">{d.payer.lineOfBusiness}</span>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className="case-status" data-status={stored.status}>
              {statusLabel(stored.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Determination</dt>
          <dd>
            <span className={`badge outcome-${d.determination}`} data-outcome={d.determination}>
              {OUTCOME_LABELS[d.determination]}
            </span>{' '}
            <span className="sub">as of {d.asOf}</span>
          </dd>
        </div>
        <div>
          <dt>Denial risk</dt>
          <dd>
            {d.denialRisk ? (
              <span className={`badge risk-${d.denialRisk.level}`}>{RISK_LABELS[d.denialRisk.level]}</span>
            ) : (
              'Not assessed'
            )}
          </dd>
        </div>
        {stored.attempt !== undefined && (
          <div>
            <dt>Attempt</dt>
            <dd data-attempt={stored.attempt}>{stored.attempt}</dd>
          </div>
        )}
        {stored.authorization && (
          <div>
            <dt>Authorization</dt>
            <dd className="authorization-number">
              {stored.authorization.number}
              {(stored.authorization.validFrom || stored.authorization.validTo) && (
                <span className="sub">
                  valid {stored.authorization.validFrom ?? '…'} to {stored.authorization.validTo ?? '…'}
                </span>
              )}
            </dd>
          </div>
        )}
        {d.coverage?.deadline?.due && (
          <div>
            <dt>Decision due</dt>
            <dd>
              {formatDateTime(d.coverage.deadline.due)} <span className="sub">{d.coverage.deadline.clock}</span>
            </dd>
          </div>
        )}
      </dl>
      <p className="live" role="status" aria-live="polite">
        {polling
          ? `Case status: ${statusLabel(stored.status)}. Checking with the payer every 2 seconds…`
          : `Case status: ${statusLabel(stored.status)}.`}
      </p>
      {d.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {d.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="case-layout">
        <div className="case-main">
          <section aria-labelledby="criteria-title">
            <h2 id="criteria-title">Criteria</h2>
            {policy && (
              <p className="policy">
                Policy: {policy.title} (version {policy.version}).{' '}
                <a href={policy.source.url} rel="noreferrer" target="_blank">
                  {policy.source.name}
                  {policy.source.number ? ` ${policy.source.number}` : ''} (source, opens in a new tab)
                </a>
              </p>
            )}
            {!d.policy && <p>No policy applies: {OUTCOME_LABELS[d.determination]}.</p>}
            {d.criteria.length === 0 ? (
              <p>No criteria were evaluated.</p>
            ) : (
              <CriteriaTree root={policy?.criteria} results={d.criteria} onQuote={openQuote} />
            )}
          </section>
          {d.denialRisk && d.denialRisk.reasons.length > 0 && (
            <section aria-labelledby="risk-title">
              <h2 id="risk-title">Denial risk: {RISK_LABELS[d.denialRisk.level]}</h2>
              <ul>
                {d.denialRisk.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="missing-title">
            <h2 id="missing-title">Missing documentation</h2>
            {missing.length === 0 ? (
              <p>Nothing is missing.</p>
            ) : (
              <>
                <ul>
                  {missing.map((m) => (
                    <li key={m.id}>{m.text}</li>
                  ))}
                </ul>
                {can(me, 'cases:document') && (
                  <QuestionnaireSection
                    caseId={caseId}
                    stored={stored}
                    onAnswered={(s) => setLoad({ state: 'done', stored: s })}
                  />
                )}
              </>
            )}
          </section>
          {can(me, 'cases:submit') && (
            <SubmitPanel
              stored={stored}
              onQueued={() => {
                setWatching(true);
                void refresh();
              }}
            />
          )}
          <PayerResponses stored={stored} />
          <PayerRequests
            caseId={caseId}
            requests={stored.payerRequests ?? []}
            canAnswer={can(me, 'cases:submit')}
            onSent={() => {
              setWatching(true);
              void refresh();
            }}
          />
          <AfterDecision stored={stored} onChanged={() => void refresh()} />
          {/* Their own requests wait for the criteria's policy, so the determination is on screen first. */}
          {policy !== undefined && (
            <>
              <Documents stored={stored} canAttach={can(me, 'cases:document')} onChanged={() => void refresh()} />
              <AssignAndComment
                stored={stored}
                canAssign={can(me, 'cases:manage')}
                canComment={can(me, 'cases:document')}
                onChanged={() => void refresh()}
              />
            </>
          )}
          <Timeline events={stored.events} />
        </div>
        {quote && (
          <aside className="case-side" aria-label="Note">
            <NoteViewer caseId={caseId} citation={quote} onClose={closeQuote} />
          </aside>
        )}
      </div>
    </main>
  );
}

type QuestionnaireLoad =
  | { state: 'closed' }
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'open'; questionnaire: Questionnaire; draft: QuestionnaireResponse };

interface QuestionnaireBundle {
  entry?: { resource?: Questionnaire | QuestionnaireResponse }[];
}

function QuestionnaireSection({
  caseId,
  stored,
  onAnswered,
}: {
  caseId: string;
  stored: StoredCase;
  onAnswered: (s: StoredCase) => void;
}) {
  const [load, setLoad] = useState<QuestionnaireLoad>({ state: 'closed' });
  const open = async () => {
    setLoad({ state: 'loading' });
    try {
      const bundle = await api<QuestionnaireBundle>('GET', `/api/cases/${caseId}/questionnaire`);
      const resources = (bundle.entry ?? []).map((e) => e.resource);
      const questionnaire = resources.find((r): r is Questionnaire => r?.resourceType === 'Questionnaire');
      const draft = resources.find((r): r is QuestionnaireResponse => r?.resourceType === 'QuestionnaireResponse');
      if (!questionnaire || !draft) throw new Error('the questionnaire bundle has no Questionnaire or draft');
      setLoad({ state: 'open', questionnaire, draft });
    } catch (error) {
      setLoad({ state: 'error', message: messageOf(error) });
    }
  };
  if (load.state === 'open') {
    return (
      <QuestionnaireForm
        key={stored.updatedAt}
        caseId={caseId}
        questionnaire={load.questionnaire}
        draft={load.draft}
        onAnswered={(s) => {
          setLoad({ state: 'closed' });
          onAnswered(s);
        }}
      />
    );
  }
  return (
    <>
      <button type="button" onClick={() => void open()} disabled={load.state === 'loading'}>
        {load.state === 'loading' ? 'Loading the questionnaire…' : 'Answer the documentation questionnaire'}
      </button>
      {load.state === 'error' && (
        <p role="alert" className="error">
          The questionnaire could not be loaded: {load.message}
        </p>
      )}
    </>
  );
}
