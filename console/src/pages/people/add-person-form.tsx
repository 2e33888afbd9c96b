import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useI18n } from '../../i18n/index.js';
import type { Role } from '../../session.js';
import { useAction } from '../../use-action.js';
import { FieldError } from '../../components/field-error.js';
import { RoleSelect } from './role-select.js';
import type { Person } from './types.js';

/** Adds a person with a sign-in name, a role and the password they first sign in with. */
export function AddPersonForm({ added }: { added(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string>();
  const add = useAction((person: { name: string; role: Role; password: string }) => post<Person>('/v1/users', person), added);
  const submit = async () => {
    setDone(undefined);
    if (await add.run({ name: name.trim(), role, password })) {
      setDone(name.trim());
      setName('');
      setPassword('');
    }
  };
  return (
    <>
      <h2>{t('people.add')}</h2>
      <form
        class="card add-person"
        aria-label={t('people.add')}
        data-form="add-person"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div class="toolbar">
          <label>
            {t('people.form.name')}
            <input name="new-name" value={name} required autocomplete="off" placeholder="li.na@example.com" onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            <FieldError error={add.error} field="name" />
          </label>
          <label>
            {t('people.form.role')}
            <RoleSelect name="new-role" value={role} onChange={setRole} label={t('people.form.role')} />
            <FieldError error={add.error} field="role" />
          </label>
          <label>
            {t('people.form.password')}
            <input name="new-password" type="password" value={password} required autocomplete="new-password" onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
            <FieldError error={add.error} field="password" />
          </label>
          <button type="submit" class="primary" disabled={add.pending}>
            {t('people.form.submit')}
          </button>
        </div>
        <p class="hint">{t('people.form.hint')}</p>
        <ErrorNotice error={add.error} />
        {done && (
          <p class="notice" role="status" data-added={done}>
            {t('people.form.added', { name: done })}
          </p>
        )}
      </form>
    </>
  );
}
