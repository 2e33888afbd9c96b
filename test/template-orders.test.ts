import { describe, expect, it } from 'vitest';
import { renderFor } from '../domain/message-render.js';
import { SAMPLE_CUSTOMERS, SAMPLE_EVENTS, type TemplatePlace } from '../domain/template-context.js';
import { templateOrders } from '../domain/template-orders.js';

const defaults = { brand: 'Tideway', handbookUrl: 'https://t.example/handbook' };
const place: TemplatePlace = { journey: { id: 'j', version: 'v1' }, step: { key: 's' } };

const newer = {
  eventId: 'e2',
  occurredAt: new Date('2026-03-02T10:00:00Z'),
  properties: { orderId: 'o-2', orderTotal: 120, items: [{ name: 'Oolong', category: 'Tea', quantity: 2, price: 30 }, { name: 'Cup', category: 'Ware', price: 60 }, 'junk'] },
};
const older = { eventId: 'e1', occurredAt: new Date('2026-02-01T10:00:00Z'), properties: { amount: 45, items: [{ name: 'Beans', category: 'Coffee' }, { title: 'Filter', category: 'Tea' }] } };

describe('orders as templates see them', () => {
  it('are built from the latest order events, newest first, with distinct categories most recent first', () => {
    expect(templateOrders({ orders: 7, totalValue: 900 }, [newer, older])).toEqual({
      count: 7,
      total: 900,
      last: [
        { orderId: 'o-2', at: '2026-03-02T10:00:00.000Z', total: 120, items: [{ name: 'Oolong', category: 'Tea', quantity: 2, price: 30 }, { name: 'Cup', category: 'Ware', quantity: 1, price: 60 }] },
        { orderId: 'e1', at: '2026-02-01T10:00:00.000Z', total: 45, items: [{ name: 'Beans', category: 'Coffee', quantity: 1 }, { name: 'Filter', category: 'Tea', quantity: 1 }] },
      ],
      categories: ['Tea', 'Ware', 'Coffee'],
    });
    expect(templateOrders({}, [])).toEqual({ count: 0, total: 0, last: [], categories: [] });
  });

  it('render attributes, the last order’s items, the categories and the event in a template', () => {
    const recipient = { id: 'c1', name: 'Ada', locale: 'en', attributes: { plan: 'pro' }, orderHistory: templateOrders({ orders: 2, totalValue: 165 }, [newer, older]) };
    const text =
      'Plan {{ customer.attributes.plan }}; {% for item in orders.last[0].items %}{{ item.quantity }}× {{ item.name }}, {% endfor %}in {{ orders.categories | join: ", " }}; ' +
      '{% if event %}order {{ event.properties.x }}{% endif %}';
    const rendered = renderFor({ en: { subject: '{{ orders.count }} orders', text } }, defaults, recipient, { ...place, event: { type: 'order.placed', properties: { x: 'o-2' } } });
    expect(rendered.subject).toBe('2 orders');
    expect(rendered.text).toBe('Plan pro; 2× Oolong, 1× Cup, in Tea, Ware, Coffee; order o-2');
  });

  it('a run without an event skips the guarded part, and a customer without orders has an empty list', () => {
    const text = '{% if event %}about {{ event.type }}{% else %}no event{% endif %}; {{ orders.last.size }} orders listed of {{ orders.count }}; plan {{ customer.attributes.plan | default: "none" }}';
    expect(renderFor({ en: { subject: 's', text } }, defaults, { id: 'c2', locale: 'en', orders: 1 }, place).text).toBe('no event; 0 orders listed of 1; plan none');
  });

  it('the sample customers have an order with two items in two categories, and a sample event, in each locale', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const { orderHistory, attributes } = SAMPLE_CUSTOMERS[locale];
      expect(orderHistory?.last[0]?.items).toHaveLength(2);
      expect(orderHistory?.categories).toHaveLength(2);
      expect(attributes).toMatchObject({ birthday: '1990-03-14', plan: 'pro' });
      expect(SAMPLE_EVENTS[locale].type).toBe('order.placed');
    }
  });
});
