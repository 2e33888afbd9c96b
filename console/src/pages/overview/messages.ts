import type { Messages } from '../../i18n/catalogue.js';

export const overviewMessages: Messages = {
  en: {
    'overview.title': 'Overview',
  },
  'zh-CN': {
    'overview.title': '总览',
  },
};
