import type { TemplateCatalogue } from '../../domain/templates.js';

export const nurtureTemplates: TemplateCatalogue = {
  'nurture-tips': {
    en: { subject: 'Three tips to get more from {{brand}}', text: 'Hi {{name}},\n\nThree things our best customers do in their first month: {{handbookUrl}}\n\nThe {{brand}} team' },
    'zh-CN': { subject: '用好{{brand}}的三个小技巧', text: '{{name}},您好:\n\n老客户第一个月都在做的三件事:{{handbookUrl}}\n\n{{brand}} 团队' },
  },
  'nurture-case-study': {
    en: { subject: 'How others use {{brand}}', text: 'Hi {{name}},\n\nA short story of a customer like you: {{handbookUrl}}\n\nThe {{brand}} team' },
    'zh-CN': { subject: '看看其他客户如何使用{{brand}}', text: '{{name}},您好:\n\n一个和您相似的客户案例:{{handbookUrl}}\n\n{{brand}} 团队' },
  },
  'nurture-offer-discount': {
    en: { subject: '{{name}}, 10% off your first order', text: 'Hi {{name}},\n\nYour first order is 10% off this week: {{couponUrl}}\n\nThe {{brand}} team' },
    'zh-CN': { subject: '{{name}},首单九折', text: '{{name}},您好:\n\n本周首单享九折:{{couponUrl}}\n\n{{brand}} 团队' },
  },
  'nurture-offer-content': {
    en: { subject: 'Picked for you, {{name}}', text: 'Hi {{name}},\n\nWe picked a few things we think you will like: {{handbookUrl}}\n\nThe {{brand}} team' },
    'zh-CN': { subject: '{{name}},为您精选', text: '{{name}},您好:\n\n我们为您挑选了几样可能喜欢的内容:{{handbookUrl}}\n\n{{brand}} 团队' },
  },
};
