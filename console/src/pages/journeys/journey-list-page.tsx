import { useI18n } from '../../i18n/index.js';

export function JourneyListPage() {
  const { t } = useI18n();
  return (
    <section class="page">
      <h1>{t('journeys.title')}</h1>
    </section>
  );
}
