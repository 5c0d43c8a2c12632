// A small history router: the app's pages are /, /queue, /cases/:id and /analytics (the server answers exactly these with the
// app's shell: src/adapters/web/serve.ts). Links are real anchors, so they open in a new tab and read as links.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  { page: 'queue' } | { page: 'case'; caseId: string } | { page: 'analytics' } | { page: 'not-found' };

export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/queue') return { page: 'queue' };
  if (pathname === '/analytics') return { page: 'analytics' };
  const match = /^\/cases\/([^/]+)$/.exec(pathname);
  if (match?.[1]) return { page: 'case', caseId: decodeURIComponent(match[1]) };
  return { page: 'not-found' };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The current path; re-renders on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // A modified click (new tab, new window) is the browser's to handle.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={onClick} {...rest} />;
}
