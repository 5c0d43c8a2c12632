// The coordinator's web app: asks who is signed in, then shows the sign-in page or the signed-in layout (header,
// the page for the current path). Bundled by src/adapters/web/serve.ts when the server starts.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, ApiError, setCsrfToken } from './api.ts';
import { Link, routeOf, usePath } from './router.tsx';
import { can, SessionContext } from './session.tsx';
import { AnalyticsPage } from './analytics/AnalyticsPage.tsx';
import { CasePage } from './case/CasePage.tsx';
import { QueuePage } from './pages/QueuePage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import type { Me } from './types.ts';
import './styles.css';

type Session =
  { state: 'loading' } | { state: 'signed-out' } | { state: 'error'; message: string } | { state: 'in'; me: Me };

function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  useEffect(() => {
    api<Me>('GET', '/api/me').then(
      (me) => {
        setCsrfToken(me.csrfToken);
        setSession({ state: 'in', me });
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setSession({ state: 'signed-out' });
        else setSession({ state: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, []);
  switch (session.state) {
    case 'loading':
      return (
        <main id="main" className="page" aria-busy="true">
          <p>Loading…</p>
        </main>
      );
    case 'signed-out':
      return <SignInPage />;
    case 'error':
      return (
        <main id="main" className="page">
          <h1>Klivira</h1>
          <p role="alert">The server could not be reached: {session.message}</p>
        </main>
      );
    case 'in':
      return (
        <SessionContext.Provider value={session.me}>
          <SignedIn me={session.me} />
        </SessionContext.Provider>
      );
  }
}

function SignedIn({ me }: { me: Me }) {
  const route = routeOf(usePath());
  const signOut = async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    window.location.assign('/');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/queue" className="brand">
          Klivira
        </Link>
        <nav aria-label="Main">
          <Link to="/queue" aria-current={route.page === 'queue' ? 'page' : undefined}>
            Work queue
          </Link>
          {can(me, 'analytics:read') && (
            <Link to="/analytics" aria-current={route.page === 'analytics' ? 'page' : undefined}>
              Analytics
            </Link>
          )}
        </nav>
        <div className="who">
          <span>
            {me.user.name} <span className="role">({me.user.role})</span>
          </span>
          <button type="button" className="secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      {route.page === 'queue' && <QueuePage />}
      {route.page === 'case' && <CasePage key={route.caseId} caseId={route.caseId} />}
      {route.page === 'analytics' && <AnalyticsPage />}
      {route.page === 'not-found' && (
        <main id="main" className="page">
          <h1>Page not found</h1>
          <p>
            There is no page at this address. <Link to="/queue">Go to the work queue</Link>.
          </p>
        </main>
      )}
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
