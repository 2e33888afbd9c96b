/**
 * Who may do what, least first: each role may do everything the ones before it may.
 * `viewer` reads (personal data masked); `agent` works the inbox (tasks, approvals) and acts on customers
 * (stage, enrolment, consent, profile, events); `marketer` adds journeys, previews and reports as they come;
 * `admin` adds stage rules, merges, re-drives, people and the audit log.
 */
export const ROLES = ['viewer', 'agent', 'marketer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** True when `role` may do what `needed` may. */
export const hasRole = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);
