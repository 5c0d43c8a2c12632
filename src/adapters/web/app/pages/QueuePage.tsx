// The work queue: saved views (remembered in localStorage), filters, search, sort, server-side paging with a cursor,
// and keyboard navigation over the rows (arrow keys move, Enter opens the case).
import { useEffect, useRef, useState, type SyntheticEvent, type KeyboardEvent } from 'react';
import { api, query } from '../api.ts';
import { CASE_STATUSES, OUTCOME_LABELS, RISK_LABELS, dueClock, statusLabel } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { clearReady, markReady } from '../ready.ts';
import type { QueueItem, QueuePage as Page, User } from '../types.ts';

const VIEWS = [
  { id: 'all', label: 'All cases' },
  { id: 'mine', label: 'Mine' },
  { id: 'due_today', label: 'Due today' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'pended', label: 'Pended' },
] as const;
type View = (typeof VIEWS)[number]['id'];
const VIEW_KEY = 'klivira.queue.view';
const PAGE_SIZE = 50;

function savedView(): View {
  const saved = window.localStorage.getItem(VIEW_KEY);
  return VIEWS.some((v) => v.id === saved) ? (saved as View) : 'all';
}

interface Filters {
  status: string;
  payer: string;
  assignee: string;
  q: string;
  sort: 'updated' | 'created' | 'due';
  order: 'asc' | 'desc';
}

const NO_FILTERS: Filters = { status: '', payer: '', assignee: '', q: '', sort: 'updated', order: 'desc' };

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; page: Page };

export function QueuePage() {
  const [view, setView] = useState<View>(savedView);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [search, setSearch] = useState('');
  // Cursors of the pages before this one ('' is the first page), so "Previous page" can go back.
  const [cursors, setCursors] = useState<string[]>(['']);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [users, setUsers] = useState<User[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const cursor = cursors.at(-1) ?? '';

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    api<{ items: User[] }>('GET', '/api/users').then(
      (answer) => setUsers(answer.items),
      () => setUsers([]), // the assignee filter then takes free text
    );
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    let current = true;
    clearReady();
    setLoad({ state: 'loading' });
    const path =
      '/api/work-queue' +
      query({
        view: view === 'all' ? undefined : view,
        status: filters.status,
        payer: filters.payer,
        assignee: filters.assignee,
        q: filters.q,
        sort: filters.sort,
        order: filters.order,
        limit: String(PAGE_SIZE),
        cursor,
      });
    api<Page>('GET', path).then(
      (page) => current && setLoad({ state: 'done', page }),
      (error: unknown) =>
        current && setLoad({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [view, filters, cursor]);

  useEffect(() => {
    if (load.state !== 'loading') markReady('queue');
  }, [load]);

  const chooseView = (next: View) => {
    window.localStorage.setItem(VIEW_KEY, next);
    setView(next);
    setCursors(['']);
  };
  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursors(['']);
  };
  const onSearch = (event: SyntheticEvent) => {
    event.preventDefault();
    change({ q: search.trim() });
  };
  const names = new Map(users.map((u) => [u.id, u.name]));
  const payers = load.state === 'done' ? [...new Map(load.page.items.map((i) => [i.payer.id, i.payer.name]))] : [];

  return (
    <main id="main" className="page queue">
      <h1>Work queue</h1>
      <nav aria-label="Saved views" className="views">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            className={v.id === view ? 'view current' : 'view'}
            aria-pressed={v.id === view}
            onClick={() => chooseView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </nav>
      <form className="filters" role="search" onSubmit={onSearch}>
        <label>
          Search
          <input
            type="search"
            value={search}
            placeholder="Name, MRN or authorization number"
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <button type="submit">Search</button>
        <label>
          Status
          <select value={filters.status} onChange={(e) => change({ status: e.target.value })}>
            <option value="">Any</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Payer
          <select value={filters.payer} onChange={(e) => change({ payer: e.target.value })}>
            <option value="">Any</option>
            {filters.payer && !payers.some(([id]) => id === filters.payer) && (
              <option value={filters.payer}>{filters.payer}</option>
            )}
            {payers.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assignee
          <select value={filters.assignee} onChange={(e) => change({ assignee: e.target.value })}>
            <option value="">Anyone</option>
            <option value="none">Unassigned</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by
          <select
            value={`${filters.sort}:${filters.order}`}
            onChange={(e) => {
              const [sort, order] = e.target.value.split(':') as [Filters['sort'], Filters['order']];
              change({ sort, order });
            }}
          >
            <option value="updated:desc">Last change, newest first</option>
            <option value="updated:asc">Last change, oldest first</option>
            <option value="created:desc">Created, newest first</option>
            <option value="created:asc">Created, oldest first</option>
            <option value="due:asc">Due soonest first</option>
            <option value="due:desc">Due latest first</option>
          </select>
        </label>
      </form>
      <QueueResults load={load} names={names} now={now} />
      <nav aria-label="Pages" className="pager">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </button>
        <span>Page {cursors.length}</span>
        <button
          type="button"
          disabled={load.state !== 'done' || !load.page.nextCursor}
          onClick={() => {
            if (load.state === 'done' && load.page.nextCursor) setCursors((c) => [...c, load.page.nextCursor ?? '']);
          }}
        >
          Next page
        </button>
      </nav>
    </main>
  );
}

function QueueResults({ load, names, now }: { load: Load; names: Map<string, string>; now: number }) {
  const [active, setActive] = useState(0);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  useEffect(() => setActive(0), [load]);
  if (load.state === 'loading') {
    return (
      <p role="status" aria-busy="true">
        Loading cases…
      </p>
    );
  }
  if (load.state === 'error') {
    return (
      <p role="alert" className="error">
        The work queue could not be loaded: {load.message}
      </p>
    );
  }
  const items = load.page.items;
  if (items.length === 0) return <p role="status">No cases match this view and these filters.</p>;
  const move = (index: number) => {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setActive(next);
    rows.current[next]?.focus();
  };
  const onKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number, item: QueueItem) => {
    if (event.target !== event.currentTarget) return; // keys inside a link stay the link's
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Enter: () => navigate(`/cases/${item.caseId}`),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  return (
    <>
      <p id="queue-keys" className="hint">
        {items.length} cases on this page. Arrow keys move between rows; Enter opens the case.
      </p>
      <div className="table-wrap">
        <table className="queue-table" aria-describedby="queue-keys">
          <caption className="visually-hidden">Cases</caption>
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Order</th>
              <th scope="col">Payer</th>
              <th scope="col">Status</th>
              <th scope="col">Determination</th>
              <th scope="col">Denial risk</th>
              <th scope="col">Assignee</th>
              <th scope="col">Decision due</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => {
              const due = item.decisionDueAt ? dueClock(item.decisionDueAt, now) : undefined;
              return (
                <tr
                  key={item.caseId}
                  ref={(el) => {
                    rows.current[index] = el;
                  }}
                  tabIndex={index === active ? 0 : -1}
                  onFocus={() => setActive(index)}
                  onKeyDown={(e) => onKey(e, index, item)}
                  onDoubleClick={() => navigate(`/cases/${item.caseId}`)}
                  data-case-id={item.caseId}
                >
                  <th scope="row">
                    <Link to={`/cases/${item.caseId}`} tabIndex={-1}>
                      {item.patient?.name ?? 'Unnamed patient'}
                    </Link>
                    <span className="sub">
                      {item.patient?.birthDate ? `Born ${item.patient.birthDate}` : 'Birth date unknown'}
                      {item.patient?.mrn ? ` · MRN ${item.patient.mrn}` : ''}
                    </span>
                  </th>
                  <td>
                    {item.order.display}
                    <span className="sub">{item.order.code}</span>
                  </td>
                  <td>{item.payer.name}</td>
                  <td>
                    {statusLabel(item.status)}
                    {item.authorizationNumber && <span className="sub">Auth {item.authorizationNumber}</span>}
                  </td>
                  <td>
                    <span className={`badge outcome-${item.determination}`}>{OUTCOME_LABELS[item.determination]}</span>
                  </td>
                  <td>
                    {item.denialRisk ? (
                      <span className={`badge risk-${item.denialRisk}`}>{RISK_LABELS[item.denialRisk]}</span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{item.assignee ? (names.get(item.assignee) ?? item.assignee) : 'Unassigned'}</td>
                  <td>
                    {due ? (
                      <span className={due.overdue ? 'due overdue' : 'due'}>
                        <time dateTime={item.decisionDueAt ?? undefined}>{due.text}</time>
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
