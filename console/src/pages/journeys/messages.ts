import type { Messages } from '../../i18n/catalogue.js';

export const journeyMessages: Messages = {
  en: {
    'journeys.title': 'Journeys',
    'journey.title': 'Journey {id}',
  },
  'zh-CN': {
    'journeys.title': '旅程',
    'journey.title': '旅程 {id}',
  },
};
