import type { Response } from 'express';
import type { Role } from '../domain/roles.js';
import type { AuditActor } from '../store/audit-log.js';

/** Who a request comes from: an API key, or a person signed in with the session cookie. */
export interface Principal {
  kind: 'user' | 'key';
  /** The person's sign-in name, or the key's name (`api-key-1`, `shop`). */
  name: string;
  role: Role;
  /** A signed-in person's session: the CSRF token their writes carry, and when it ends. */
  session?: { token: string; csrfToken: string; expiresAt: Date };
}

export const principalOf = (res: Response): Principal | undefined => res.locals.principal as Principal | undefined;

export function setPrincipal(res: Response, principal: Principal): void {
  res.locals.principal = principal;
}

/** How the audit log, tasks and approvals name who acted. */
export const actorOf = ({ kind, name, role }: Principal): AuditActor => ({ kind, name, role });

/** Who is acting in a route behind a guard (which made sure there is someone). */
export function actingNow(res: Response): AuditActor {
  const principal = principalOf(res);
  if (!principal) throw new TypeError('no principal: the route is not behind a guard');
  return actorOf(principal);
}
