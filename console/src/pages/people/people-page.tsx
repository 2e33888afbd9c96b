import { useI18n } from '../../i18n/index.js';

export function PeoplePage() {
  const { t } = useI18n();
  return (
    <section class="page">
      <h1>{t('people.title')}</h1>
    </section>
  );
}
