// Who is signed in: /api/me once at start (401 means nobody), shared with every page through a context.
import { createContext, useContext } from 'react';
import type { Me } from './types.ts';

export const SessionContext = createContext<Me | undefined>(undefined);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in page');
  return me;
}

export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}
