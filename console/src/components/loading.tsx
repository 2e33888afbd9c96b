import { useI18n } from '../i18n/index.js';

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}
