import { useEffect, useState } from 'preact/hooks';
import { STAGES } from '../../../../domain/stage-names.js';
import { get, withQuery } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { StageBadge, stageLabel } from '../../components/stage-badge.js';
import { formatNumber, formatRelative } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { href, navigate, useLocation } from '../../router.js';
import { HealthScore, TableHead, Tags } from './customer-bits.js';
import { FieldError } from '../../components/field-error.js';
import type { CustomerList, ListedCustomer } from './types.js';
import './customers.css';

/** The search as it stands in the hash (`#/customers?q=chen&stage=new`), so a link shares it. */
const FILTERS = ['q', 'stage', 'tag', 'healthMin', 'healthMax'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE = 50;

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? ''])) as Filters;
}

/** `#/customers`: search by id, email or phone, name; filter by stage, tag and health; page on with "more". */
export function CustomerListPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const applied = filtersOf(query);
  const key = withQuery('/v1/customers', { ...applied, limit: PAGE });
  const [draft, setDraft] = useState<Filters>(applied);
  const [list, setList] = useState<{ key: string; customers: ListedCustomer[]; next: string | null; total: number }>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);

  const load = (after?: string) => {
    setLoading(true);
    setError(undefined);
    get<CustomerList>(withQuery('/v1/customers', { ...applied, limit: PAGE, after })).then(
      (page) => {
        setList((before) => ({ key, customers: after && before?.key === key ? [...before.customers, ...page.customers] : page.customers, next: page.next, total: page.total }));
        setLoading(false);
      },
      (caught: Error) => {
        setError(caught);
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    setDraft(applied);
    load();
  }, [key]);

  const search = (event: Event) => {
    event.preventDefault();
    navigate(withQuery('/customers', draft));
  };
  const field = (name: keyof Filters) => ({
    name,
    value: draft[name],
    onInput: (event: Event) => setDraft({ ...draft, [name]: (event.target as HTMLInputElement).value }),
  });
  const filtered = FILTERS.some((name) => applied[name]);

  return (
    <section class="page customers-page">
      <h1>{t('customers.title')}</h1>
      <form class="toolbar customer-search" role="search" onSubmit={search}>
        <label class="grow">
          {t('customers.search.q')}
          <input type="search" {...field('q')} placeholder={t('customers.search.qHint')} />
        </label>
        <label>
          {t('customers.search.stage')}
          <select {...field('stage')} onChange={field('stage').onInput}>
            <option value="">{t('customers.search.anyStage')}</option>
            {STAGES.map((stage) => (
              <StageOption key={stage} stage={stage} />
            ))}
          </select>
        </label>
        <label>
          {t('customers.search.tag')}
          <input {...field('tag')} size={12} />
        </label>
        <label>
          {t('customers.search.healthMin')}
          <input type="number" min={0} max={100} {...field('healthMin')} class="narrow" />
          <FieldError error={error} field="healthMin" />
        </label>
        <label>
          {t('customers.search.healthMax')}
          <input type="number" min={0} max={100} {...field('healthMax')} class="narrow" />
          <FieldError error={error} field="healthMax" />
        </label>
        <button type="submit" class="primary">
          {t('common.search')}
        </button>
        {filtered && (
          <a class="clear-search" href="#/customers">
            {t('customers.search.clear')}
          </a>
        )}
      </form>
      <ErrorNotice error={error} />
      {list && <CustomerTable list={list} />}
      {loading ? <Loading /> : list?.next && (
        <button type="button" class="more" onClick={() => load(list.next!)}>
          {t('common.more')}
        </button>
      )}
    </section>
  );
}

function StageOption({ stage }: { stage: string }) {
  const { locale } = useI18n();
  return <option value={stage}>{stageLabel(locale, stage)}</option>;
}

function CustomerTable({ list }: { list: { customers: ListedCustomer[]; total: number } }) {
  const { t, locale } = useI18n();
  if (list.customers.length === 0) return <p class="muted empty">{t('customers.none')}</p>;
  return (
    <>
      <p class="muted" data-total={list.total}>
        {t('customers.count', { shown: formatNumber(locale, list.customers.length), total: formatNumber(locale, list.total) })}
      </p>
      <table class="customer-table">
        <TableHead labels={[t('customers.col.id'), t('customers.col.name'), t('customers.col.contact'), t('customers.col.stage'), t('customers.col.health'), t('customers.col.tags'), t('customers.col.lastInteraction')]} numeric={[4]} />
        <tbody>
          {list.customers.map((customer) => (
            <tr key={customer.id} data-customer={customer.id}>
              <td>
                <a href={href('customers', customer.id)}>{customer.id}</a>
              </td>
              <td>
                <a href={href('customers', customer.id)}>{customer.name ?? '—'}</a>
              </td>
              <td class="contact">
                {customer.email && <div data-field="email">{customer.email}</div>}
                {customer.phone && <div data-field="phone">{customer.phone}</div>}
                {!customer.email && !customer.phone && '—'}
              </td>
              <td>
                <StageBadge stage={customer.stage} />
              </td>
              <td class="number" data-field="health">
                {customer.health ? <HealthScore score={customer.health.score} /> : '—'}
              </td>
              <td>
                <Tags tags={customer.tags} />
              </td>
              <td class="muted">{customer.lastInteractionAt ? formatRelative(locale, customer.lastInteractionAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
