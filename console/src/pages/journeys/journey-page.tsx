import { useI18n } from '../../i18n/index.js';

export function JourneyPage({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <section class="page">
      <h1>{t('journey.title', { id })}</h1>
    </section>
  );
}
