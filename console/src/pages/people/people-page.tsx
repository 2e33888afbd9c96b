import { useCallback, useState } from 'preact/hooks';
import { ApiError } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useI18n } from '../../i18n/index.js';
import { useApi } from '../../use-api.js';
import { AddPersonForm } from './add-person-form.js';
import { AuditLog } from './audit-log.js';
import { PeopleTable } from './people-table.js';
import type { Person } from './types.js';
import './people.css';

/** `#/people`, for admins: who may sign in and with which role, adding and changing people, and the audit log. */
export function PeoplePage() {
  const { t } = useI18n();
  const people = useApi<{ users: Person[] }>('/v1/users');
  // Every change shows up in the audit log: it reloads after each one.
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => {
    people.reload();
    setChanges((n) => n + 1);
  }, [people.reload]);
  const forbidden = people.error instanceof ApiError && people.error.status === 403;
  return (
    <section class="page people-page">
      <h1>{t('people.title')}</h1>
      <ErrorNotice error={people.error} />
      {people.loading && !people.data && <Loading />}
      {people.data && <PeopleTable people={people.data.users} changed={changed} />}
      {!forbidden && (
        <>
          <AddPersonForm added={changed} />
          <AuditLog people={people.data?.users ?? []} changes={changes} />
        </>
      )}
    </section>
  );
}
