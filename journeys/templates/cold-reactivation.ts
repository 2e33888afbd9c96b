import type { TemplateCatalogue } from '../../domain/templates.js';

export const coldReactivationTemplates: TemplateCatalogue = {
  'cold-check-in': {
    en: { subject: 'Still interested in {{brand}}?', text: 'Hi {{name}},\n\nWe will keep it short: here is what is new at {{brand}}: {{handbookUrl}}\n\nThe {{brand}} team' },
    'zh-CN': { subject: '{{brand}} 近况', text: '{{name}},您好:\n\n简单说说{{brand}}的新变化:{{handbookUrl}}\n\n{{brand}} 团队' },
  },
  'cold-last-offer': {
    en: { subject: 'One last offer from {{brand}}', text: 'Hi {{name}},\n\nIf you ever come back, this 25% coupon is waiting: {{couponUrl}}\n\nThe {{brand}} team' },
    'zh-CN': { subject: '{{brand}} 最后一份心意', text: '{{name}},您好:\n\n如果您愿意回来,这张七五折优惠券一直为您保留:{{couponUrl}}\n\n{{brand}} 团队' },
  },
};
