// Nobody is signed in: one way forward, the organization's identity provider (the demo's is the sandbox EHR).
export function SignInPage() {
  const returnTo = window.location.pathname + window.location.search;
  return (
    <main id="main" className="page sign-in">
      <h1>Klivira</h1>
      <p>Prior authorization work queue. Sign in with your organization's account to continue.</p>
      <a className="button" href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`}>
        Sign in
      </a>
    </main>
  );
}
