import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney } from '../domain/journey.js';
import { withTemplates } from '../domain/templates.js';
import { EventModel } from '../store/models/event.js';
import { journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

const unique = Date.now().toString(36);

/** Enters on an order and thanks for it at once, from the order event, the customer's orders and attributes. */
const orderThanks = withTemplates(
  defineJourney({
    id: `order-thanks-${unique}`,
    name: 'Order thanks (test)',
    entry: { event: 'order.placed' },
    reentry: 'always',
    steps: [{ kind: 'send', key: 'thanks', channel: 'email', template: 'order-thanks', purpose: 'transactional' }],
  }),
  {
    'order-thanks': {
      en: {
        subject: '{% if event %}Order {{ event.properties.orderId }}{% else %}Your order{% endif %}',
        text:
          'Hi {{ name }} ({{ customer.attributes.plan }} plan),\n' +
          '{% for item in orders.last[0].items %}- {{ item.quantity }} x {{ item.name }} ({{ item.category }})\n{% endfor %}' +
          'You shop for: {{ orders.categories | join: ", " }}',
      },
    },
  },
);

let api: Harness;

beforeAll(async () => {
  api = await startHarness(`e2e-orders-${unique}`, { journeys: [orderThanks] });
});

afterAll(async () => {
  await api?.close();
});

describe('an order email lists the last order from the customer’s order events (real Temporal, store and SMTP)', () => {
  const customerId = `orders-${unique}`;
  const email = `orders-${unique}@example.com`;

  it('sends the order’s items, the categories newest first, the plan attribute and the entering event’s orderId', async () => {
    expect((await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en', attributes: { plan: 'pro' } })).status).toBe(201);
    // An order from before, stored as the intake stores events.
    const before = new Date(Date.now() - 86_400_000);
    await EventModel.create({ _id: `old-${unique}`, eventId: `old-${unique}`, customerId, type: 'order.placed', occurredAt: before, receivedAt: before, appliedAt: before, properties: { orderId: 'A-1', items: [{ name: 'Trail shoes', category: 'Shoes' }] } });

    const items = [
      { name: 'Pour-over kettle', category: 'Coffee gear', quantity: 1, price: 199 },
      { name: 'Jasmine tea', category: 'Tea', quantity: 2, price: 25.5 },
    ];
    const accepted = await api.call('POST', '/v1/events', { eventId: `order-${unique}`, customerId, type: 'order.placed', properties: { orderId: 'A-2', orderTotal: 250, items } });
    expect(accepted.status).toBe(202);

    // The customer's lifecycle applies the event and starts the journey entering on it.
    const run = api.client.workflow.getHandle(journeyWorkflowId(orderThanks.id, customerId));
    await eventually(() => run.describe().catch(() => null), Boolean, { what: 'the order-thanks run' });
    expect(await run.result()).toBe('completed');
    const [mail] = await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the order email' });
    expect(mail!.subject).toBe('Order A-2');
    expect(mail!.text).toContain('Hi Ada (pro plan),\n- 1 x Pour-over kettle (Coffee gear)\n- 2 x Jasmine tea (Tea)\nYou shop for: Coffee gear, Tea, Shoes');
  });
});
