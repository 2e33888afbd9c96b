import type { TemplateCatalogue } from '../../domain/templates.js';

export const repurchaseVipTemplates: TemplateCatalogue = {
  'repurchase-reminder': {
    en: { subject: 'Time for a refill, {{name}}?', text: 'Hi {{name}},\n\nIt has been two weeks since your order. Running low? {{handbookUrl}}\n\nThe {{brand}} team' },
    'zh-CN': { subject: '{{name}},需要补货吗?', text: '{{name}},您好:\n\n距离上次下单已有两周,需要补货吗?{{handbookUrl}}\n\n{{brand}} 团队' },
  },
  'vip-invitation': {
    en: { subject: '{{name}}, welcome to {{brand}} VIP', text: 'Hi {{name}},\n\nYou are now a VIP: priority service and a dedicated contact, who will call you soon.\n\nThe {{brand}} team' },
    'zh-CN': { subject: '{{name}},欢迎成为{{brand}} VIP', text: '{{name}},您好:\n\n您已成为 VIP:优先服务与专属顾问,顾问将很快与您联系。\n\n{{brand}} 团队' },
  },
  'vip-sms': {
    en: { subject: 'VIP', text: '{{brand}}: welcome to VIP, {{name}}! Your dedicated contact will call you soon.' },
    'zh-CN': { subject: 'VIP', text: '{{brand}}:{{name}},欢迎成为 VIP!专属顾问将很快与您联系。' },
  },
};
