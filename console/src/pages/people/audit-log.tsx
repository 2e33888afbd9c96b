import { useEffect, useState } from 'preact/hooks';
import { withQuery } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { useApi } from '../../use-api.js';
import type { AuditEntry, Person } from './types.js';

const PAGE = 100;
const MOST = 500;

/** A value as the log stored it: text as it is, nothing as "—", anything else as JSON. */
const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** `role: agent → marketer`, one line per field when the entry changed several. */
function Change({ entry }: { entry: AuditEntry }) {
  const { from, to } = entry;
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isRecord(from) && isRecord(to)) {
    const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
    return (
      <>
        {fields.map((field) => (
          <div key={field}>
            <span class="muted">{field}:</span> {shown(from[field])} → {shown(to[field])}
          </div>
        ))}
      </>
    );
  }
  if ((from === undefined || from === null) && (to === undefined || to === null)) return <>—</>;
  return (
    <>
      {entry.field && <span class="muted">{entry.field}: </span>}
      {shown(from)} → {shown(to)}
    </>
  );
}

/** Who changed what, latest first, for everyone or one person (or API key). */
export function AuditLog({ people, changes }: { people: Person[]; changes: number }) {
  const { t, locale } = useI18n();
  const [typed, setTyped] = useState('');
  const [actor, setActor] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const log = useApi<{ entries: AuditEntry[] }>(withQuery('/v1/audit', { actor, limit }));
  useEffect(() => {
    if (changes) log.reload();
  }, [changes]);
  const entries = log.data?.entries;
  return (
    <>
      <h2>{t('people.audit')}</h2>
      <form
        class="toolbar"
        aria-label={t('people.audit.filter')}
        onSubmit={(event) => {
          event.preventDefault();
          setActor(typed.trim());
          setLimit(PAGE);
        }}
      >
        <label>
          {t('people.audit.actor')}
          <input name="actor" list="audit-actors" value={typed} placeholder={t('people.audit.everyone')} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
          <datalist id="audit-actors">
            {people.map((person) => (
              <option key={person.name} value={person.name} />
            ))}
          </datalist>
        </label>
        <button type="submit">{t('people.audit.apply')}</button>
        {actor && (
          <button
            type="button"
            class="link"
            onClick={() => {
              setTyped('');
              setActor('');
            }}
          >
            {t('people.audit.clear')}
          </button>
        )}
      </form>
      <ErrorNotice error={log.error} />
      {log.loading && !entries && <Loading />}
      {entries && entries.length === 0 && <p class="muted">{t('people.audit.none')}</p>}
      {entries && entries.length > 0 && (
        <table data-audit data-actor={actor}>
          <thead>
            <tr>
              <th>{t('people.audit.when')}</th>
              <th>{t('people.audit.who')}</th>
              <th>{t('people.audit.action')}</th>
              <th>{t('people.audit.target')}</th>
              <th>{t('people.audit.change')}</th>
              <th>{t('people.audit.status')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-entry={entry.id}>
                <td>{formatDateTime(locale, entry.at)}</td>
                <td data-col="who">
                  {entry.actor.name}
                  <div class="muted">
                    {t(`people.audit.kind.${entry.actor.kind}`)}
                    {entry.actor.role && ` · ${t(`role.${entry.actor.role}`)}`}
                  </div>
                </td>
                <td data-col="action">
                  <code>
                    {entry.method} {entry.route}
                  </code>
                </td>
                <td data-col="target">{entry.target ?? '—'}</td>
                <td data-col="change">
                  <Change entry={entry} />
                  {entry.reason && (
                    <div class="muted" data-col="reason">
                      {t('people.audit.reason', { reason: entry.reason })}
                    </div>
                  )}
                </td>
                <td class={entry.status && entry.status >= 400 ? 'overdue' : undefined}>{entry.status ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries && entries.length === limit && limit < MOST && (
        <button type="button" onClick={() => setLimit(MOST)}>
          {t('people.audit.more', { count: MOST })}
        </button>
      )}
    </>
  );
}
