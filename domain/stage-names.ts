/** The lifecycle stages a customer moves through, in the order a healthy customer meets them. */
export const STAGES = ['new', 'nurturing', 'active', 'silent', 'returning', 'high_value', 'cold'] as const;

export type Stage = (typeof STAGES)[number];

/** The names marketers use for each stage (seed documents), for reports, diagrams and the console. */
export const STAGE_LABELS: Record<Stage, { en: string; 'zh-CN': string }> = {
  new: { en: 'New, to welcome', 'zh-CN': '新客-待欢迎' },
  nurturing: { en: 'Nurturing', 'zh-CN': '培育中' },
  active: { en: 'Active', 'zh-CN': '活跃' },
  silent: { en: 'Silent', 'zh-CN': '沉默' },
  returning: { en: 'Returning', 'zh-CN': '回流' },
  high_value: { en: 'High value', 'zh-CN': '高价值' },
  cold: { en: 'Cold pool', 'zh-CN': '冷启动池' },
};
