import type { TemplateCatalogue } from '../../domain/templates.js';

/**
 * Built from the customer's purchase history (`orders`, newest first) and interests. Every part is guarded:
 * a customer without orders, items or interests (or a context without `orders`) still gets a sensible message.
 */
export const purchaseRecommendationTemplates: TemplateCatalogue = {
  'purchase-recommendation': {
    en: {
      subject: '{% if orders.categories.size > 0 %}More {{ orders.categories | first }} picked for you, {{ name }}{% else %}Picked for you, {{ name }}{% endif %}',
      text:
        'Hi {{ name }},\n\n' +
        '{% if orders.last.size > 0 %}{% assign lastOrder = orders.last | first %}' +
        '{% if lastOrder.items[0].name %}We hope you are enjoying your {{ lastOrder.items[0].name }}{% if lastOrder.items.size > 1 %} and the rest of that order{% endif %}. {% endif %}{% endif %}' +
        '{% if orders.categories.size > 0 %}Based on what you buy in {{ orders.categories | first }}{% if orders.categories.size > 1 %} and {{ orders.categories[1] }}{% endif %}{% else %}Based on your order{% endif %}' +
        '{% if customer.attributes.interests %} (and your interests: {{ customer.attributes.interests | join: ", " }}){% endif %}, we picked a few things for you: {{ handbookUrl }}\n\n' +
        'The {{ brand }} team',
    },
    'zh-CN': {
      subject: '{% if orders.categories.size > 0 %}{{ name }},为您精选更多{{ orders.categories | first }}好物{% else %}{{ name }},为您精选的好物{% endif %}',
      text:
        '{{ name }},您好:\n\n' +
        '{% if orders.last.size > 0 %}{% assign lastOrder = orders.last | first %}' +
        '{% if lastOrder.items[0].name %}您购买的{{ lastOrder.items[0].name }}{% if lastOrder.items.size > 1 %}等 {{ lastOrder.items.size }} 件商品{% endif %}用得还顺手吗?{% endif %}{% endif %}' +
        '{% if orders.categories.size > 0 %}根据您常买的{{ orders.categories | first }}{% if orders.categories.size > 1 %}和{{ orders.categories[1] }}{% endif %}{% else %}根据您的订单{% endif %}' +
        '{% if customer.attributes.interests %},结合您对{{ customer.attributes.interests | join: "、" }}的兴趣{% endif %},我们为您挑选了几件好物:{{ handbookUrl }}\n\n' +
        '{{ brand }} 团队',
    },
  },
};
