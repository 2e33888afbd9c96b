import { useI18n } from '../../i18n/index.js';

export function OverviewPage() {
  const { t } = useI18n();
  return (
    <section class="page">
      <h1>{t('overview.title')}</h1>
    </section>
  );
}
