import { ROLES, type Role } from '../../../../domain/role-names.js';
import { useI18n } from '../../i18n/index.js';

/** A role to pick, by the name people know it by. */
export function RoleSelect({ value, onChange, label, name }: { value: Role; onChange(role: Role): void; label: string; name?: string }) {
  const { t } = useI18n();
  return (
    <select name={name} aria-label={label} value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
}
