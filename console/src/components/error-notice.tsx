import { ApiError } from '../api.js';
import { useI18n } from '../i18n/index.js';

/** Why the API refused, in the reader's language, with the API's own detail (e.g. the role a route needs). */
export function ErrorNotice({ error }: { error: Error | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  const heading = !(error instanceof ApiError)
    ? t('error.network')
    : error.status === 403
      ? t('error.forbidden')
      : error.status === 401
        ? t('error.signedOut')
        : error.status === 404
          ? t('error.notFound')
          : error.status === 409
            ? t('error.conflict')
            : error.status >= 500
              ? t('error.server')
              : t('error.refused');
  return (
    <div class="notice notice-error" role="alert" data-status={error instanceof ApiError ? error.status : undefined}>
      <strong>{heading}</strong> <span class="notice-detail">{error instanceof ApiError ? error.detail : error.message}</span>
    </div>
  );
}
