import type { TemplateCatalogue } from '../../domain/templates.js';

export const welcomeTemplates: TemplateCatalogue = {
  'welcome': {
    en: {
      subject: 'Welcome to {{brand}}, {{name}}',
      text: 'Hi {{name}},\n\nWelcome aboard! Your handbook is here: {{handbookUrl}}\n\nTell us about yourself in a two-minute survey: {{surveyUrl}}\n\nThe {{brand}} team',
    },
    'zh-CN': {
      subject: '欢迎加入{{brand}},{{name}}',
      text: '{{name}},您好:\n\n欢迎加入!产品手册:{{handbookUrl}}\n\n花两分钟完成新客问卷:{{surveyUrl}}\n\n{{brand}} 团队',
    },
  },
  'welcome-reminder': {
    en: {
      subject: '{{name}}, two minutes to get the most out of {{brand}}',
      text: 'Hi {{name}},\n\nYou have not filled in the welcome survey yet. It takes two minutes: {{surveyUrl}}\n\nThe {{brand}} team',
    },
    'zh-CN': {
      subject: '{{name}},两分钟让{{brand}}更懂您',
      text: '{{name}},您好:\n\n您还没有完成新客问卷,只需两分钟:{{surveyUrl}}\n\n{{brand}} 团队',
    },
  },
};
