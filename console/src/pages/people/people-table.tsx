import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { type Role, useMe } from '../../session.js';
import { useAction } from '../../use-action.js';
import { RoleSelect } from './role-select.js';
import type { Person } from './types.js';

/** The people who may sign in, each with a role to change and a switch to disable or enable them. */
export function PeopleTable({ people, changed }: { people: Person[]; changed(): void }) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t('people.list')}</h2>
      <table data-people>
        <thead>
          <tr>
            <th>{t('people.col.name')}</th>
            <th>{t('people.col.role')}</th>
            <th>{t('people.col.status')}</th>
            <th>{t('people.col.added')}</th>
            <th>{t('people.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <PersonRow key={person.name} person={person} changed={changed} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function PersonRow({ person, changed }: { person: Person; changed(): void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const [role, setRole] = useState<Role>(person.role);
  const change = useAction((body: { role?: Role; disabled?: boolean }) => api('PATCH', `/v1/users/${encodeURIComponent(person.name)}`, body), changed);
  return (
    <tr data-person={person.name} class={person.disabled ? 'disabled' : undefined}>
      <td>
        <strong>{person.name}</strong>
        {person.name === me.name && <span class="muted"> {t('people.you')}</span>}
      </td>
      <td>
        <span class={`badge role-${person.role}`} data-role={person.role}>
          {t(`role.${person.role}`)}
        </span>
      </td>
      <td data-col="status">{person.disabled ? <span class="badge status-disabled">{t('people.disabled')}</span> : <span class="badge status-active">{t('people.active')}</span>}</td>
      <td>{formatDateTime(locale, person.createdAt)}</td>
      <td>
        <form
          class="inline-form"
          aria-label={t('people.changeRoleOf', { name: person.name })}
          onSubmit={(event) => {
            event.preventDefault();
            void change.run({ role });
          }}
        >
          <RoleSelect value={role} onChange={setRole} label={t('people.newRole')} />
          <button type="submit" disabled={change.pending || role === person.role}>
            {t('people.changeRole')}
          </button>
          <button type="button" class={person.disabled ? undefined : 'danger'} disabled={change.pending} onClick={() => void change.run({ disabled: !person.disabled })}>
            {person.disabled ? t('people.enable') : t('people.disable')}
          </button>
        </form>
        <ErrorNotice error={change.error} />
      </td>
    </tr>
  );
}
