import type { Role } from '../domain/roles.js';
import { AuditEntryModel } from './models/audit-entry.js';

export interface AuditActor {
  kind: 'user' | 'key' | 'cli';
  name: string;
  role?: Role | null;
}

export interface AuditRecord {
  at: Date;
  actor: AuditActor;
  method: string;
  route: string;
  target?: string | null;
  field?: string | null;
  from?: unknown;
  to?: unknown;
  reason?: string | null;
  status?: number | null;
}

/** Appends one entry: one insert. */
export async function recordAudit(entry: AuditRecord): Promise<void> {
  await AuditEntryModel.create(entry);
}

/** The latest entries first, by the actor's name and the target when given. */
export async function listAudit({ actor, target, limit }: { actor?: string; target?: string; limit: number }) {
  const filter = { ...(actor ? { 'actor.name': actor } : {}), ...(target ? { target } : {}) };
  return AuditEntryModel.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean();
}
