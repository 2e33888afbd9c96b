import type { ComponentChildren } from 'preact';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatDuration, formatNumber, formatShare } from '../../format.js';
import { type Translate, useI18n } from '../../i18n/index.js';
import type { Locale } from '../../i18n/locale.js';
import type { Loaded } from '../../use-api.js';

/** How a figure is written: a count, a share (42.3%), a duration (3 hours) or a health score. */
export type FigureKind = 'count' | 'share' | 'duration' | 'score';

/**
 * The name of a figure: its route and the path to it in the route's answer, `/`-separated; an array item
 * is named by its keys (`moves/from=new,to=nurturing/count`). Scripts and tests read the same number
 * from the route by this name.
 */
export function figureName(route: string, ...path: (string | Record<string, string | number | null>)[]): string {
  const parts = path.map((part) =>
    typeof part === 'string'
      ? part
      : Object.entries(part)
          .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
          .join(','),
  );
  return [route, ...parts].join('/');
}

export function formatFigure(locale: Locale, t: Translate, kind: FigureKind, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'share') return formatShare(locale, value);
  if (kind === 'duration') return value < 60_000 ? t('overview.underAMinute') : formatDuration(locale, value);
  return formatNumber(locale, value);
}

/** A number as text, named for scripts and tests (`data-figure`), inline (a table cell, a sentence). */
export function FigureText({ name, kind = 'count', value, class: className }: { name: string; kind?: FigureKind; value: number | null | undefined; class?: string }) {
  const { locale, t } = useI18n();
  return (
    <span class={className} data-figure={name} data-kind={kind}>
      {formatFigure(locale, t, kind, value)}
    </span>
  );
}

/** One figure with its label, in a `<dl class="figures">`. */
export function Figure({ name, label, kind = 'count', value, tone }: { name: string; label: string; kind?: FigureKind; value: number | null | undefined; tone?: string }) {
  return (
    <div class="figure-box">
      <dt class="figure-label">{label}</dt>
      <dd>
        <FigureText class={`figure ${tone ?? ''}`} name={name} kind={kind} value={value} />
      </dd>
    </div>
  );
}

/** A card of the dashboard: its title, the route its numbers come from, and its content once the route answered (or why it did not). */
export function Section<T>({ id, title, path, loaded, wide, children }: { id: string; title: string; path: string; loaded: Loaded<T>; wide?: boolean; children(data: T): ComponentChildren }) {
  const { t } = useI18n();
  return (
    <section class={`card overview-section${wide ? ' wide' : ''}`} data-section={id} aria-labelledby={`overview-${id}`} aria-busy={loaded.loading ? 'true' : 'false'}>
      <h2 id={`overview-${id}`}>{title}</h2>
      <p class="muted overview-source">
        {t('overview.source')} <code data-route={id}>GET {path}</code>
      </p>
      {loaded.error ? <ErrorNotice error={loaded.error} /> : loaded.data === undefined ? <Loading /> : children(loaded.data)}
    </section>
  );
}
