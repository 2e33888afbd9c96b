import type { Messages } from '../../i18n/catalogue.js';

export const peopleMessages: Messages = {
  en: {
    'people.title': 'People and audit',
  },
  'zh-CN': {
    'people.title': '人员与审计',
  },
};
