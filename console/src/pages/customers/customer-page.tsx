import { useI18n } from '../../i18n/index.js';

export function CustomerPage({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <section class="page">
      <h1>{t('customer.title', { id })}</h1>
    </section>
  );
}
