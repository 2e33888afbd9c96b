import { useI18n } from '../../i18n/index.js';

export function CustomerListPage() {
  const { t } = useI18n();
  return (
    <section class="page">
      <h1>{t('customers.title')}</h1>
    </section>
  );
}
