import type { TemplateCatalogue } from '../../domain/templates.js';

export const satisfactionFollowUpTemplates: TemplateCatalogue = {
  'satisfaction-survey': {
    en: {
      subject: 'How was your order, {{ name }}?',
      text: 'Hi {{ name }},\n\nYour order has arrived. How satisfied are you with it? One question, a score from 1 to 5: {{ surveyUrl }}\n\nIf anything is wrong, just reply to this email and we will put it right.\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '{{ name }},这次购物还满意吗?',
      text: '{{ name }},您好:\n\n您的订单已经送达。这次购物体验如何?只有一道题,请打个 1–5 分:{{ surveyUrl }}\n\n如有任何问题,直接回复这封邮件,我们会尽快为您处理。\n\n{{ brand }} 团队',
    },
  },
  'satisfaction-survey-reminder': {
    en: {
      subject: 'One question about your order',
      text: 'Hi {{ name }},\n\nWe would still love to hear how your order went. It takes ten seconds: {{ surveyUrl }}\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '耽误您十秒钟,说说这次订单',
      text: '{{ name }},您好:\n\n我们还想听听您对这次订单的评价,十秒钟就好:{{ surveyUrl }}\n\n{{ brand }} 团队',
    },
  },
};
