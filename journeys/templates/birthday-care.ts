import type { TemplateCatalogue } from '../../domain/templates.js';

export const birthdayCareTemplates: TemplateCatalogue = {
  'birthday-greeting': {
    en: {
      subject: 'Happy birthday, {{ name }}! A gift from {{ brand }}',
      text: 'Hi {{ name }},\n\nHappy birthday from all of us at {{ brand }}! To celebrate, here is a birthday coupon, valid for 14 days: {{ couponUrl }}\n\nHave a wonderful day.\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '{{ name }},生日快乐!{{ brand }} 为您准备了一份礼物',
      text: '{{ name }},您好:\n\n{{ brand }} 全体同事祝您生日快乐!我们为您准备了一张生日专属优惠券,14 天内有效:{{ couponUrl }}\n\n愿您今天开开心心!\n\n{{ brand }} 团队',
    },
  },
  'birthday-coupon-reminder': {
    en: {
      subject: 'Your birthday coupon expires in 4 days',
      text: 'Hi {{ name }},\n\nA quick reminder: your birthday coupon is valid for 4 more days. Treat yourself: {{ couponUrl }}\n\nThe {{ brand }} team',
    },
    'zh-CN': {
      subject: '您的生日优惠券还有 4 天到期',
      text: '{{ name }},您好:\n\n温馨提醒:您的生日优惠券还有 4 天就要到期了,别忘了犒劳一下自己:{{ couponUrl }}\n\n{{ brand }} 团队',
    },
  },
};
