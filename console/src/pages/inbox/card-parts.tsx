import type { ComponentChildren } from 'preact';
import type { ApiError } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import type { Loaded } from '../../use-api.js';

/** What the tasks and approvals cards share: their facts, their small forms, their lists. */

export function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The customer (a link to their page) and the journey with the step that asks. */
export function CustomerAndJourney({ customerId, journeyId, step }: { customerId: string; journeyId?: string | null; step?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Fact label={t('inbox.task.customer')}>
        <a href={href('customers', customerId)}>{customerId}</a>
      </Fact>
      <Fact label={t('inbox.task.journey')}>
        {journeyId ? <a href={href('journeys', journeyId)}>{journeyId}</a> : t('inbox.task.noJourney')}
        {step && <span class="muted"> · {step}</span>}
      </Fact>
    </>
  );
}

/** A small form under a card: the page checks it (not the browser), and the API's refusal shows in it. */
export function InboxForm({ name, label, submit, children }: { name: string; label: string; submit(): void; children: ComponentChildren }) {
  return (
    <form
      class={`inbox-form ${name}`}
      noValidate
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {children}
    </form>
  );
}

/** The item a link opened (`?task=`, `?approval=`), above the list, whatever the filters. */
export function FocusedItem<T>({ loaded, children }: { loaded: Loaded<T>; children(item: T): ComponentChildren }) {
  return <div class="focused-item">{loaded.error ? <ErrorNotice error={loaded.error} /> : loaded.data ? children(loaded.data) : <Loading />}</div>;
}

/** A list's refusal, its loading, or that it is empty; then the cards. */
export function CardList({ error, loading, count, empty, children }: { error?: ApiError | Error; loading: boolean; count?: number; empty: string; children: ComponentChildren }) {
  return (
    <>
      <ErrorNotice error={error} />
      {loading && count === undefined && <Loading />}
      {count === 0 && <p class="muted empty">{empty}</p>}
      <div class="task-list">{children}</div>
    </>
  );
}
