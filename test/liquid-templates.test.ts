import { describe, expect, it } from 'vitest';
import { TemplateInvalidError, TemplateVariableMissingError } from '../domain/errors.js';
import { renderText } from '../domain/liquid.js';
import { renderFor } from '../domain/message-render.js';
import { SAMPLE_CUSTOMERS, type TemplatePlace } from '../domain/template-context.js';
import { welcomeTemplates } from '../journeys/templates/welcome.js';

const defaults = { brand: 'Tideway', handbookUrl: 'https://t.example/handbook', surveyUrl: 'https://t.example/survey', couponUrl: 'https://t.example/coupon' };
const place: TemplatePlace = { journey: { id: 'welcome', version: 'v1' }, step: { key: 'welcome-email' } };
const thrown = (render: () => unknown) => {
  try {
    render();
  } catch (error) {
    return error;
  }
  throw new Error('rendered without an error');
};

describe('Liquid message templates', () => {
  it('render the flat variables of templates written before Liquid exactly as before', () => {
    const en = renderFor(welcomeTemplates.welcome!, defaults, { id: 'c1', name: 'Ada', locale: 'en' }, place);
    expect(en).toEqual({
      locale: 'en',
      subject: 'Welcome to Tideway, Ada',
      text: 'Hi Ada,\n\nWelcome aboard! Your handbook is here: https://t.example/handbook\n\nTell us about yourself in a two-minute survey: https://t.example/survey\n\nThe Tideway team',
    });
    const zh = renderFor(welcomeTemplates.welcome!, defaults, { id: 'c2', email: 'li@example.com', locale: 'zh-CN' }, place);
    expect(zh.subject).toBe('欢迎加入Tideway,li@example.com');
    expect(renderText('{{customerId}}/{{ name }}', { customerId: 'c3', name: 'A & <B>' })).toBe('c3/A & <B>');
  });

  it('see the profile, the journey, the step and the deployment links; no address', () => {
    const customer = { ...SAMPLE_CUSTOMERS['zh-CN'], tags: ['vip', 'beta'] };
    const text = [
      '{% if customer.tags contains "vip" %}尊贵的会员{% endif %}{{ customer.name }}',
      '{{ customer.stage }} {{ customer.health }} {{ customer.orders }} {{ customer.totalValue | money: "CNY" }}',
      '{{ customer.lastInteractionAt | date: "%Y-%m-%d %H:%M", customer.timezone }}',
      '{{ journey.id }}@{{ journey.version }}/{{ step.key }} {{ links.survey }} {{ locale }}',
    ].join('\n');
    expect(renderFor({ en: { subject: 's', text }, 'zh-CN': { subject: 's', text } }, defaults, customer, place).text).toBe(
      ['尊贵的会员李雷', 'active 72 3 ¥1,280.00', '2026-01-15 10:00', 'welcome@v1/welcome-email https://t.example/survey zh-CN'].join('\n'),
    );
    const email = thrown(() => renderFor({ en: { subject: '{{ customer.email }}', text: '' } }, defaults, SAMPLE_CUSTOMERS.en, place));
    expect(email).toBeInstanceOf(TemplateVariableMissingError);
    expect(email).toMatchObject({ variable: 'customer.email', line: 1 });
  });

  it('a send may test for a field the customer lacks; printing it fails that send', () => {
    const bare = { id: 'c1', name: 'Ada', locale: 'en' };
    const guarded = '{% if customer.timezone %}{{ customer.timezone }}{% else %}no zone{% endif %} {{ customer.stage | default: "new" }}';
    expect(renderFor({ en: { subject: 's', text: guarded } }, defaults, bare, place).text).toBe('no zone new');
    expect(thrown(() => renderFor({ en: { subject: 's', text: 'in {{ customer.timezone }}' } }, defaults, bare, place))).toMatchObject({ variable: 'customer.timezone' });
  });

  it('a missing variable, a filter typo or a broken tag throws a named error with the line; files cannot be read', () => {
    const missing = thrown(() => renderText('Hi\n\n{{ nmae }}', { name: 'Ada' }));
    expect(missing).toBeInstanceOf(TemplateVariableMissingError);
    expect(missing).toMatchObject({ message: 'template variable "nmae" has no value', line: 3 });
    expect(thrown(() => renderText('Hi\n{{ name | upcase }}{{ name | upcas }}', { name: 'Ada' }))).toMatchObject({ reason: 'undefined filter: upcas', line: 2 });
    const unclosed = thrown(() => renderText('{% if name %}\nhi', { name: 'Ada' }));
    expect(unclosed).toBeInstanceOf(TemplateInvalidError);
    expect(unclosed).toMatchObject({ line: 1 });
    expect(thrown(() => renderText('{% include "package.json" %}', {}))).toBeInstanceOf(TemplateInvalidError);
  });
});
