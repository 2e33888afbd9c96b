import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { mergedMessages } from './catalogue.js';
import type { Locale } from './locale.js';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, setLocale, children }: { locale: Locale; setLocale(locale: Locale): void; children: ComponentChildren }) {
  const value = useMemo<I18n>(() => {
    const messages = mergedMessages(locale);
    const t: Translate = (key, vars) => {
      const text = messages[key];
      if (text === undefined) {
        console.warn(`console: no "${locale}" text for "${key}"`);
        return key;
      }
      return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
    };
    return { locale, t, setLocale };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
