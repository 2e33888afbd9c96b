import type { TemplateCatalogue } from '../../domain/templates.js';

export const firstOrderReminderTemplates: TemplateCatalogue = {
  'first-order-reminder': {
    en: {
      subject: '{{ name }}, your first order at {{ brand }} is waiting',
      text: 'Hi {{ name }},\n\nThanks for joining {{ brand }} a few days ago. Not sure where to start? Here is what new customers pick first: {{ handbookUrl }}\n\nQuestions? Just reply to this email.\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '{{ name }},您的首单还在等您',
      text: '{{ name }},您好:\n\n感谢您几天前注册{{ brand }}。还不知道从哪里开始?看看新客最常选的商品:{{ handbookUrl }}\n\n有任何疑问,直接回复这封邮件即可。\n\n{{ brand }} 团队',
    },
  },
  'first-order-coupon': {
    en: {
      subject: 'A first-order gift from {{ brand }}',
      text: 'Hi {{ name }},\n\nHere is a coupon for your first order, valid for 7 days: {{ couponUrl }}\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '{{ brand }} 送您一张首单优惠券',
      text: '{{ name }},您好:\n\n送您一张首单专享优惠券,7 天内有效:{{ couponUrl }}\n\n{{ brand }} 团队',
    },
  },
};
