import { z } from 'zod';
import { ROLES } from './role-names.js';

// The names live apart from zod so the console can bundle them without it.
export { hasRole, ROLES, type Role } from './role-names.js';

export const roleSchema = z.enum(ROLES);
