import { useState } from 'preact/hooks';
import { withQuery } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { useI18n } from '../../i18n/index.js';
import { LOCALES, type Locale } from '../../i18n/locale.js';
import { useApi } from '../../use-api.js';

interface Preview {
  customer: { id: string; sample: boolean };
  locale: string;
  messages: { step: string; channel: 'email' | 'sms' | 'wecom'; template: string; locale?: string; subject?: string; text?: string; error?: string }[];
}

/**
 * Every message of the journey as a customer would get it, from `GET /v1/journeys/:id/previews`: in a
 * language, for a sample customer or a real one (marketers and admins; others are told which role it needs).
 */
export function JourneyPreviews({ journeyId }: { journeyId: string }) {
  const { t, locale: pageLocale } = useI18n();
  const [locale, setLocale] = useState<Locale>(pageLocale);
  const [customerDraft, setCustomerDraft] = useState('');
  const [customerId, setCustomerId] = useState('');
  const preview = useApi<Preview>(withQuery(`/v1/journeys/${encodeURIComponent(journeyId)}/previews`, { locale, customerId }));
  return (
    <section class="journey-previews" data-previews>
      <h2>{t('journey.previews')}</h2>
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setCustomerId(customerDraft.trim());
        }}
      >
        <label>
          {t('journey.previews.locale')}
          <select name="preview-locale" value={locale} onChange={(event) => setLocale(event.currentTarget.value as Locale)}>
            {LOCALES.map((option) => (
              <option key={option} value={option}>
                {t(`journey.previews.locale.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('journey.previews.customer')}
          <input name="preview-customer" value={customerDraft} placeholder={t('journey.previews.customerHint')} onInput={(event) => setCustomerDraft(event.currentTarget.value)} />
        </label>
        <button type="submit">{t('journey.previews.show')}</button>
      </form>
      <ErrorNotice error={preview.error} />
      {preview.loading && !preview.data && <Loading />}
      {preview.data && !preview.error && (
        <>
          <p class="muted" data-preview-for={preview.data.customer.id}>
            {preview.data.customer.sample ? t('journey.previews.forSample') : t('journey.previews.forCustomer', { id: preview.data.customer.id })}
          </p>
          <div class="grid">
            {preview.data.messages.map((message) => (
              <article class="card preview" key={message.step} data-preview-step={message.step} data-locale={message.locale}>
                <p class="muted">
                  <code>{message.step}</code> · {t(`journey.channel.${message.channel}`)} · <code>{message.template}</code>
                </p>
                {message.error ? (
                  <p class="notice notice-error" role="alert">
                    {message.error}
                  </p>
                ) : (
                  <>
                    {message.channel === 'email' && <h3 data-field="subject">{message.subject}</h3>}
                    <pre class="preview-text" data-field="text">
                      {message.text}
                    </pre>
                  </>
                )}
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
