import type { TemplateCatalogue } from '../../domain/templates.js';

export const winBackTemplates: TemplateCatalogue = {
  'winback-reminder': {
    en: { subject: '{{name}}, we miss you at {{brand}}', text: 'Hi {{name}},\n\nIt has been a while. Anything we can help with? Just reply to this email.\n\nThe {{brand}} team' },
    'zh-CN': { subject: '{{name}},好久不见', text: '{{name}},您好:\n\n有一段时间没见到您了,有什么需要帮忙的吗?直接回复这封邮件即可。\n\n{{brand}} 团队' },
  },
  'winback-coupon': {
    en: { subject: 'A welcome-back gift from {{brand}}', text: 'Hi {{name}},\n\nHere is 20% off your next order, valid for 14 days: {{couponUrl}}\n\nThe {{brand}} team' },
    'zh-CN': { subject: '{{brand}} 送您一张回归优惠券', text: '{{name}},您好:\n\n送您一张八折优惠券,14 天内有效:{{couponUrl}}\n\n{{brand}} 团队' },
  },
};
