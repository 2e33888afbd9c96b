import { describe, expect, it } from 'vitest';
import { checkCatalogue } from '../domain/catalogue-check.js';
import { defineJourney } from '../domain/journey.js';
import { TEMPLATE_DEFAULT_VARIABLES } from '../journeys/index.js';

const journey = defineJourney({
  id: 'spring',
  name: 'Spring offer',
  entry: { event: 'x.y' },
  reentry: 'always',
  steps: [{ kind: 'send', key: 'offer', channel: 'email', template: 'spring-offer' }],
});
const fine = { subject: 'Hi {{ name }}', text: '{{ customer.name }}, {% if customer.tags contains "vip" %}VIP {% endif %}{{ links.coupon }}' };
const problemsWith = (zh: { subject: string; text: string }) =>
  checkCatalogue([journey], { 'spring-offer': { en: fine, 'zh-CN': zh } }, TEMPLATE_DEFAULT_VARIABLES);

describe('npm run journeys -- validate: a template that would fail a send names the journey, step, template, locale and line', () => {
  it('accepts a template that uses the profile, the links and Liquid tags', () => {
    expect(problemsWith(fine)).toEqual([]);
  });

  it('a template that does not parse', () => {
    expect(problemsWith({ subject: 'ok', text: '您好\n{% if customer.tags contains "vip" %}\n尊贵的会员' })).toEqual([
      'journey "spring" step "offer" template "spring-offer" (zh-CN) text line 2: template does not render: tag {% if customer.tags contains "vip" %} not closed',
    ]);
  });

  it('a variable the context does not have, also inside a condition', () => {
    expect(problemsWith({ subject: '{{ customer.nmae }}', text: 'a\nb\n{% if customer.birthday %}生日快乐{% endif %}' })).toEqual([
      'journey "spring" step "offer" template "spring-offer" (zh-CN) subject line 1: template variable "customer.nmae" has no value',
      'journey "spring" step "offer" template "spring-offer" (zh-CN) text line 3: template variable "customer.birthday" has no value',
    ]);
  });

  it('a filter typo', () => {
    expect(problemsWith({ subject: 'ok', text: '{{ name }}\n{{ brand | upcase }}\n{{ customer.totalValue | mony: "CNY" }}' })).toEqual([
      'journey "spring" step "offer" template "spring-offer" (zh-CN) text line 3: template does not render: undefined filter: mony',
    ]);
  });
});
