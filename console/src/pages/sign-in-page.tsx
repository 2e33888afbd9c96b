import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useI18n } from '../i18n/index.js';
import type { Me } from '../session.js';
import { useAction } from '../use-action.js';
import { LanguageSwitch } from '../components/language-switch.js';

export function SignInPage({ signedIn }: { signedIn(me: Me): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useAction(async () => signedIn(await post<Me>('/v1/session', { name, password })));
  return (
    <main class="sign-in">
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void signIn.run();
        }}
      >
        <h1>{t('signIn.title')}</h1>
        <label>
          {t('signIn.name')}
          <input name="name" autocomplete="username" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <ErrorNotice error={signIn.error} />
        <button type="submit" class="primary" disabled={signIn.pending}>
          {t('signIn.submit')}
        </button>
        <p class="hint">{t('signIn.hint')}</p>
        <LanguageSwitch />
      </form>
    </main>
  );
}
