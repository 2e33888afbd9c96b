import { STAGE_LABELS, type Stage } from '../../../domain/stage-names.js';
import { useI18n } from '../i18n/index.js';

/** The stage's name as marketers say it, in the reader's language. */
export function stageLabel(locale: 'en' | 'zh-CN', stage: string): string {
  return STAGE_LABELS[stage as Stage]?.[locale] ?? stage;
}

/** A lifecycle stage as a badge; `data-stage` holds its key for scripts and tests. */
export function StageBadge({ stage }: { stage: string | null | undefined }) {
  const { t, locale } = useI18n();
  if (!stage) return <span class="badge">{t('stage.none')}</span>;
  return (
    <span class={`badge stage-${stage}`} data-stage={stage}>
      {stageLabel(locale, stage)}
    </span>
  );
}
