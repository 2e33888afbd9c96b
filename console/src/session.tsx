import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role } from '../../domain/role-names.js';

export { hasRole, type Role } from '../../domain/role-names.js';

/** Who is signed in, as `GET /v1/session` says. */
export interface Me {
  kind: 'user' | 'key';
  name: string;
  role: Role;
  csrfToken?: string;
}

export const SessionContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside a signed-in page');
  return me;
}
