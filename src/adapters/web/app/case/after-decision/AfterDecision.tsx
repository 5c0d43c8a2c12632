// What the case page offers once the payer has answered adversely (denied, partially approved, modified) or while an
// appeal runs: the appeals with their clocks, opening one, a new attempt, and the appeal documents. Each action is
// shown only to users whose permissions allow it (the API refuses the others too).
import { can, useSession } from '../../session.tsx';
import type { StoredCase } from '../../types.ts';
import { AppealDocuments } from './AppealLetter.tsx';
import { AppealList, OpenAppealForm } from './Appeals.tsx';
import { NewAttemptForm } from './NewAttempt.tsx';

/** The statuses a case can be appealed or attempted again from (src/core/case/lifecycle.ts). */
const ADVERSE = new Set(['denied', 'partially_approved', 'modified']);

export function AfterDecision({ stored, onChanged }: { stored: StoredCase; onChanged: () => void }) {
  const me = useSession();
  const appeals = stored.appeals ?? [];
  const adverse = ADVERSE.has(stored.status);
  const appealing = stored.status === 'in_appeal' || appeals.length > 0;
  if (!adverse && !appealing) return null;
  return (
    <section aria-labelledby="after-decision-title" className="after-decision">
      <h2 id="after-decision-title">After the decision</h2>
      {appeals.length === 0 ? (
        <p>No appeal is open.</p>
      ) : (
        <AppealList caseId={stored.caseId} appeals={appeals} canAct={can(me, 'cases:submit')} onChanged={onChanged} />
      )}
      {adverse && can(me, 'cases:submit') && (
        <OpenAppealForm
          caseId={stored.caseId}
          lineOfBusiness={stored.determination.payer.lineOfBusiness}
          onOpened={onChanged}
        />
      )}
      {adverse && can(me, 'cases:manage') && <NewAttemptForm caseId={stored.caseId} onStarted={onChanged} />}
      {/* The letter and packets answer an adverse decision: once it is overturned there is nothing to argue. */}
      {(adverse || stored.status === 'in_appeal') && (
        <AppealDocuments caseId={stored.caseId} canEdit={can(me, 'cases:document')} onChanged={onChanged} />
      )}
    </section>
  );
}
