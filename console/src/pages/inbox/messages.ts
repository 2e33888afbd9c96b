import type { Messages } from '../../i18n/catalogue.js';

export const inboxMessages: Messages = {
  en: {
    'inbox.title': 'Inbox',
  },
  'zh-CN': {
    'inbox.title': '待办',
  },
};
