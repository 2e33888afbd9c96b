/** One line of an order, as templates see it: a field the event did not carry is left out. */
export interface TemplateOrderItem {
  name?: string;
  category?: string;
  quantity: number;
  price?: number;
}

export interface TemplateOrder {
  orderId: string;
  /** When it was placed (ISO 8601). */
  at: string;
  total?: number;
  items: TemplateOrderItem[];
}

/** `orders` in templates: the customer's order count and total, and their latest orders (newest first). */
export interface TemplateOrders {
  count: number;
  total: number;
  /** Up to `RECENT_ORDERS`, newest first. */
  last: TemplateOrder[];
  /** The categories of those orders' items, each once, most recent first. */
  categories: string[];
}

/** How many of a customer's latest orders templates see. */
export const RECENT_ORDERS = 5;

/** An `order.placed` event as stored. */
export interface OrderEvent {
  eventId: string;
  occurredAt: Date | string;
  properties?: Record<string, unknown> | null;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const amount = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const defined = <T extends object>(fields: T) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;

function orderItem(raw: unknown): TemplateOrderItem | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const item = raw as Record<string, unknown>;
  const quantity = amount(item.quantity);
  return defined({ name: text(item.name) ?? text(item.title), category: text(item.category), quantity: quantity !== undefined && quantity > 0 ? quantity : 1, price: amount(item.price) });
}

/** The order an `order.placed` event tells of: its total is `orderTotal` (what the stage rules count), else `total` or `amount`. */
export function templateOrder({ eventId, occurredAt, properties }: OrderEvent): TemplateOrder {
  const props = properties ?? {};
  const items = (Array.isArray(props.items) ? props.items : []).flatMap((raw) => orderItem(raw) ?? []);
  return defined({
    orderId: text(props.orderId) ?? eventId,
    at: new Date(occurredAt).toISOString(),
    total: amount(props.orderTotal) ?? amount(props.total) ?? amount(props.amount),
    items,
  });
}

/**
 * `orders` for templates: the count and total the customer's lifecycle keeps, and the latest order
 * events (newest first, as the store gives them).
 */
export function templateOrders(facts: { orders?: number | null; totalValue?: number | null }, latest: readonly OrderEvent[]): TemplateOrders {
  const last = latest.slice(0, RECENT_ORDERS).map(templateOrder);
  const categories = [...new Set(last.flatMap((order) => order.items.flatMap((item) => item.category ?? [])))];
  return { count: Math.max(facts.orders ?? 0, last.length), total: facts.totalValue ?? 0, last, categories };
}
