import { withQuery } from '../../api.js';
import { formatNumber } from '../../format.js';
import { useI18n } from '../../i18n/index.js';

/** A 0–100 score, red below 40 and green from 70. */
export function HealthScore({ score }: { score: number }) {
  const { locale } = useI18n();
  const level = score < 40 ? 'low' : score >= 70 ? 'high' : 'mid';
  return <span class={`health health-${level}`}>{formatNumber(locale, score)}</span>;
}

export function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <span class="muted">—</span>;
  return (
    <span class="tags">
      {tags.map((tag) => (
        <a key={tag} class="badge tag" href={`#${withQuery('/customers', { tag })}`} data-tag={tag}>
          {tag}
        </a>
      ))}
    </span>
  );
}

/** Who moved the stage, in words: `api` (a service), `person:<name>`, `event:<type>`, `journey:<id>`. */
export function StageSource({ source }: { source: string }) {
  const { t } = useI18n();
  const [kind, ...rest] = source.split(':');
  const name = rest.join(':');
  if (source === 'api') return <span data-source={source}>{t('customer.source.api')}</span>;
  if (name && (kind === 'event' || kind === 'journey' || kind === 'rollback' || kind === 'person')) return <span data-source={source}>{t(`customer.source.${kind}`, { name })}</span>;
  return <span data-source={source}>{source}</span>;
}

/** A table's head: one column per label (an empty label for a column of buttons); `numeric` columns align right. */
export function TableHead({ labels, numeric = [] }: { labels: string[]; numeric?: number[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label, index) => (
          <th key={index} class={numeric.includes(index) ? 'number' : undefined}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
