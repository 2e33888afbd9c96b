import { useI18n } from '../i18n/index.js';
import { LOCALES } from '../i18n/locale.js';

const NAMES = { 'zh-CN': '中文', en: 'English' } as const;

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div class="language-switch" role="group" aria-label={t('nav.language')}>
      {LOCALES.map((option) => (
        <button type="button" key={option} lang={option} aria-pressed={option === locale} data-locale={option} onClick={() => setLocale(option)}>
          {NAMES[option]}
        </button>
      ))}
    </div>
  );
}
