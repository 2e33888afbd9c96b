import { useI18n } from '../../i18n/index.js';

export function InboxPage() {
  const { t } = useI18n();
  return (
    <section class="page">
      <h1>{t('inbox.title')}</h1>
    </section>
  );
}
