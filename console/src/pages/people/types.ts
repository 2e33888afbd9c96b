import type { Role } from '../../session.js';

/** `GET /v1/users`: a person who may sign in. */
export interface Person {
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

/** `GET /v1/audit`: one change, who made it and from which value to which. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { kind: 'user' | 'key' | 'cli'; name: string; role: Role | null };
  method: string;
  route: string;
  target: string | null;
  field: string | null;
  from?: unknown;
  to?: unknown;
  /** Why, as the person gave it. */
  reason?: string | null;
  status: number | null;
}
