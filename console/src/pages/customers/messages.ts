import type { Messages } from '../../i18n/catalogue.js';

export const customerMessages: Messages = {
  en: {
    'customers.title': 'Customers',
    'customer.title': 'Customer {id}',
  },
  'zh-CN': {
    'customers.title': '客户',
    'customer.title': '客户 {id}',
  },
};
