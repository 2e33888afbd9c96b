import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../domain/liquid.js';
import { templateContext } from '../../domain/template-context.js';
import { type OrderEvent, templateOrders } from '../../domain/template-orders.js';
import type { Locale } from '../../domain/templates.js';
import { purchaseRecommendationTemplates } from '../../journeys/templates/purchase-recommendation.js';

const place = { journey: { id: 'purchase-recommendation', version: 'v' }, step: { key: 'recommendation' } };
const defaults = { brand: 'Tideway Tea', handbookUrl: 'https://shop.example/picks', surveyUrl: 'https://s.example', couponUrl: 'https://c.example' };
const order = (eventId: string, occurredAt: string, items: object[]): OrderEvent => ({ eventId, occurredAt, properties: { orderId: eventId, orderTotal: 268, items } });
const teaOrder = order('o-9', '2026-11-20T08:00:00Z', [
  { name: '明前龙井', category: '绿茶', quantity: 1, price: 198 },
  { name: '青瓷茶杯', category: '茶具', quantity: 2, price: 35 },
]);

/** The message as a send renders it: the customer's `order.placed` events (newest first) and attributes. */
function render(locale: Locale, latestOrders: OrderEvent[] | undefined, attributes?: Record<string, string[]>) {
  const facts = { orders: latestOrders?.length ?? 0, totalValue: 268 * (latestOrders?.length ?? 0) };
  const recipient = { id: 'c1', name: '王芳', locale, ...facts, ...(attributes ? { attributes } : {}), ...(latestOrders ? { orderHistory: templateOrders(facts, latestOrders) } : {}) };
  return renderTemplate(purchaseRecommendationTemplates['purchase-recommendation']![locale]!, templateContext(defaults, recipient, locale, place));
}

describe('the recommendation message, from the purchase history', () => {
  it('names what the customer bought, their categories and interests (zh-CN)', () => {
    const message = render('zh-CN', [teaOrder], { interests: ['茶道', '旅行'] });
    expect(message.subject).toBe('王芳,为您精选更多绿茶好物');
    expect(message.text).toBe(
      '王芳,您好:\n\n您购买的明前龙井等 2 件商品用得还顺手吗?根据您常买的绿茶和茶具,结合您对茶道、旅行的兴趣,我们为您挑选了几件好物:https://shop.example/picks\n\nTideway Tea 团队',
    );
  });

  it('the newest order speaks first (en)', () => {
    const older = order('o-1', '2026-10-01T08:00:00Z', [{ name: 'Tea cups', category: 'teaware', quantity: 2 }]);
    const newer = order('o-2', '2026-11-25T08:00:00Z', [{ name: 'Longjing tea', category: 'green tea', quantity: 1 }]);
    const message = render('en', [newer, older]);
    expect(message.subject).toBe('More green tea picked for you, 王芳');
    expect(message.text).toBe('Hi 王芳,\n\nWe hope you are enjoying your Longjing tea. Based on what you buy in green tea and teaware, we picked a few things for you: https://shop.example/picks\n\nThe Tideway Tea team');
    const twoItems = order('o-4', '2026-11-26T08:00:00Z', [{ name: 'Matcha whisk', category: 'teaware', quantity: 1 }, { name: 'Matcha', category: 'green tea', quantity: 1 }]);
    expect(render('en', [twoItems], { interests: ['tea ceremony', 'travel'] }).text).toBe(
      'Hi 王芳,\n\nWe hope you are enjoying your Matcha whisk and the rest of that order. Based on what you buy in teaware and green tea (and your interests: tea ceremony, travel), we picked a few things for you: https://shop.example/picks\n\nThe Tideway Tea team',
    );
  });

  it('without a purchase history, or with orders that name no items, it still reads well', () => {
    const plain = { subject: '王芳,为您精选的好物', text: '王芳,您好:\n\n根据您的订单,我们为您挑选了几件好物:https://shop.example/picks\n\nTideway Tea 团队' };
    expect(render('zh-CN', [])).toEqual(plain);
    expect(render('zh-CN', undefined)).toEqual(plain);
    expect(render('zh-CN', [order('o-3', '2026-11-20T08:00:00Z', [])])).toEqual(plain);
    expect(render('en', [])).toEqual({ subject: 'Picked for you, 王芳', text: 'Hi 王芳,\n\nBased on your order, we picked a few things for you: https://shop.example/picks\n\nThe Tideway Tea team' });
  });
});
