import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError, get, useCsrfToken } from './api.js';
import { ErrorNotice } from './components/error-notice.js';
import { LanguageSwitch } from './components/language-switch.js';
import { Loading } from './components/loading.js';
import { I18nProvider, useI18n } from './i18n/index.js';
import { initialLocale, type Locale, rememberLocale } from './i18n/locale.js';
import { CustomerListPage } from './pages/customers/customer-list-page.js';
import { CustomerPage } from './pages/customers/customer-page.js';
import { InboxPage } from './pages/inbox/inbox-page.js';
import { JourneyListPage } from './pages/journeys/journey-list-page.js';
import { JourneyPage } from './pages/journeys/journey-page.js';
import { OverviewPage } from './pages/overview/overview-page.js';
import { PeoplePage } from './pages/people/people-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { matchPath, useLocation } from './router.js';
import { hasRole, type Me, SessionContext } from './session.js';

/** The pages, by hash route; the first that matches wins. */
const ROUTES: { pattern: string; render(params: Record<string, string>): ComponentChildren }[] = [
  { pattern: '/', render: () => <OverviewPage /> },
  { pattern: '/overview', render: () => <OverviewPage /> },
  { pattern: '/customers', render: () => <CustomerListPage /> },
  { pattern: '/customers/:id', render: ({ id }) => <CustomerPage id={id!} /> },
  { pattern: '/inbox', render: () => <InboxPage /> },
  { pattern: '/journeys', render: () => <JourneyListPage /> },
  { pattern: '/journeys/:id', render: ({ id }) => <JourneyPage id={id!} /> },
  { pattern: '/people', render: () => <PeoplePage /> },
];

const NAV = [
  { path: '/overview', key: 'nav.overview' },
  { path: '/customers', key: 'nav.customers' },
  { path: '/inbox', key: 'nav.inbox' },
  { path: '/journeys', key: 'nav.journeys' },
  { path: '/people', key: 'nav.people', role: 'admin' as const },
];

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setLocaleState(next);
  }, []);
  useEffect(() => rememberLocale(locale), []);
  return (
    <I18nProvider locale={locale} setLocale={setLocale}>
      <SignedIn />
    </I18nProvider>
  );
}

/** Asks who is signed in; shows the sign-in form until someone is. */
function SignedIn() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<Error>();
  const signedIn = useCallback((who: Me | null) => {
    useCsrfToken(who?.csrfToken);
    setMe(who);
  }, []);
  useEffect(() => {
    get<Me>('/v1/session').then(signedIn, (caught: Error) => (caught instanceof ApiError && caught.status === 401 ? signedIn(null) : setError(caught)));
  }, []);
  if (error) return <ErrorNotice error={error} />;
  if (me === undefined) return <Loading />;
  if (me === null) return <SignInPage signedIn={signedIn} />;
  return (
    <SessionContext.Provider value={me}>
      <Shell me={me} signOut={() => void api('DELETE', '/v1/session').finally(() => signedIn(null))} />
    </SessionContext.Provider>
  );
}

function Shell({ me, signOut }: { me: Me; signOut(): void }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const page = ROUTES.map((route) => ({ route, params: matchPath(route.pattern, path) })).find(({ params }) => params);
  const section = `/${path.split('/')[1] ?? ''}`;
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href="#/overview">
          {t('app.name')}
        </a>
        <nav aria-label="main">
          {NAV.filter((item) => !item.role || hasRole(me.role, item.role)).map((item) => (
            <a key={item.path} href={`#${item.path}`} aria-current={section === item.path || (section === '/' && item.path === '/overview') ? 'page' : undefined}>
              {t(item.key)}
            </a>
          ))}
        </nav>
        <div class="me">
          <span class="me-name">{me.name}</span> <span class={`badge role-${me.role}`}>{t(`role.${me.role}`)}</span>
          <LanguageSwitch />
          {me.kind === 'user' && (
            <button type="button" class="link" onClick={signOut}>
              {t('nav.signOut')}
            </button>
          )}
        </div>
      </header>
      {me.role === 'viewer' && <p class="notice read-only">{t('nav.readOnly')}</p>}
      <main>{page ? page.route.render(page.params!) : <p>{t('common.notFoundPage')}</p>}</main>
    </div>
  );
}
