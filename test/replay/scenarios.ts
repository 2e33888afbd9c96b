import type { Journey } from '../../domain/journey.js';
import { findJourney } from '../../journeys/index.js';
import { birthdayCare } from '../../journeys/birthday-care.js';
import { coldReactivation } from '../../journeys/cold-reactivation.js';
import { firstOrderReminder } from '../../journeys/first-order-reminder.js';
import { nurture } from '../../journeys/nurture.js';
import { purchaseRecommendation } from '../../journeys/purchase-recommendation.js';
import { repurchaseVip } from '../../journeys/repurchase-vip.js';
import { satisfactionFollowUp } from '../../journeys/satisfaction-follow-up.js';
import { usageTutorials } from '../../journeys/usage-tutorials.js';
import { welcome } from '../../journeys/welcome.js';
import { winBack } from '../../journeys/win-back.js';
import { browseUntilContinued } from '../../testkit/busy-customer.js';
import type { JourneyDriver } from '../../testkit/journey-kit.js';
import type { TestCustomer } from '../../testkit/recording-activities.js';

/**
 * A run worth keeping the history of: each path through each seed journey. A run that continued as
 * new is kept run by run: `<name>.json` for the first, `<name>@2.json` for the one it continued as, ….
 */
export interface Scenario {
  name: string;
  journey: Journey;
  customer: TestCustomer;
  drive?: (journey: JourneyDriver) => Promise<void>;
}

export const scenarios: Scenario[] = [
  { name: 'welcome-survey-done', journey: welcome, customer: { id: 'r1', stage: 'new' }, drive: async (j) => { await j.pass('1 day'); await j.event('survey.completed'); } },
  { name: 'welcome-no-survey', journey: welcome, customer: { id: 'r2', stage: 'new' } },
  { name: 'nurture-full', journey: nurture, customer: { id: 'r3', stage: 'nurturing', profile: { timezone: 'Asia/Shanghai' } } },
  { name: 'nurture-first-order', journey: nurture, customer: { id: 'r4', stage: 'nurturing' }, drive: async (j) => { await j.pass('8 days'); await j.event('order.placed'); } },
  { name: 'win-back-failed', journey: winBack, customer: { id: 'r5', stage: 'silent' } },
  { name: 'win-back-replied', journey: winBack, customer: { id: 'r6', stage: 'silent' }, drive: async (j) => { await j.pass('5 days'); await j.event('customer.interacted'); } },
  {
    name: 'win-back-refused',
    journey: winBack,
    customer: { id: 'r12', stage: 'silent' },
    drive: async (j) => {
      await j.pass('5 days');
      await j.event('customer.interacted', { channel: 'sms', text: '不需要了,别再发了' });
    },
  },
  {
    name: 'win-back-call-done',
    journey: winBack,
    customer: { id: 'r7', stage: 'silent', tags: ['sensitive'] },
    drive: async (j) => {
      await j.pass('1 hour');
      await j.decide('sensitive-check', 'approved');
      await j.pass('8 days');
      await j.completeTask('call', 'no answer');
    },
  },
  {
    name: 'win-back-call-won-back',
    journey: winBack,
    customer: { id: 'r11', stage: 'silent' },
    drive: async (j) => {
      await j.pass('8 days');
      await j.completeTask('call', 'won-back');
    },
  },
  { name: 'repurchase-vip', journey: repurchaseVip, customer: { id: 'r8', stage: 'high_value' } },
  { name: 'repurchase-complaint', journey: repurchaseVip, customer: { id: 'r9', stage: 'active' }, drive: async (j) => { await j.pass('1 day'); await j.event('complaint.filed'); } },
  { name: 'cold-reactivation-full', journey: coldReactivation, customer: { id: 'r10', stage: 'cold', profile: { timezone: 'Europe/Paris' } } },
  {
    // A busy customer in a wait nested in a branch's path: the run continues as new there and resumes (with its templates' copy).
    name: 'repurchase-continued-as-new',
    journey: findJourney('repurchase-vip')!,
    customer: { id: 'r11', stage: 'active' },
    drive: async (j) => {
      await j.pass('4 days');
      await browseUntilContinued(j);
    },
  },
  { name: 'first-order-no-order', journey: firstOrderReminder, customer: { id: 'f1', stage: 'new' } },
  { name: 'first-order-placed', journey: firstOrderReminder, customer: { id: 'f2', stage: 'new' }, drive: async (j) => { await j.pass('5 days'); await j.event('order.placed', { orderId: 'o-1', total: 120 }); } },
  { name: 'satisfaction-low-score', journey: satisfactionFollowUp, customer: { id: 'f3', stage: 'active' }, drive: async (j) => { await j.pass('5 days'); await j.event('survey.completed', { score: 2 }); } },
  { name: 'satisfaction-no-answer', journey: satisfactionFollowUp, customer: { id: 'f4', stage: 'active' } },
  { name: 'tutorials-onboarded', journey: usageTutorials, customer: { id: 'f5', stage: 'new' }, drive: async (j) => { await j.pass('4 days'); await j.event('onboarding.completed'); } },
  { name: 'recommendation-sent', journey: purchaseRecommendation, customer: { id: 'f7', stage: 'active', profile: { timezone: 'Asia/Shanghai' } } },
  { name: 'birthday-care-full', journey: birthdayCare, customer: { id: 'f6', stage: 'active' } },
];
