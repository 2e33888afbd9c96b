import type { Journey } from '../domain/journey.js';
import { type TemplateCatalogue, withTemplates } from '../domain/templates.js';
import { birthdayCare } from './birthday-care.js';
import { coldReactivation } from './cold-reactivation.js';
import { firstOrderReminder } from './first-order-reminder.js';
import { nurture } from './nurture.js';
import { purchaseRecommendation } from './purchase-recommendation.js';
import { repurchaseVip } from './repurchase-vip.js';
import { satisfactionFollowUp } from './satisfaction-follow-up.js';
import { birthdayCareTemplates } from './templates/birthday-care.js';
import { coldReactivationTemplates } from './templates/cold-reactivation.js';
import { firstOrderReminderTemplates } from './templates/first-order-reminder.js';
import { nurtureTemplates } from './templates/nurture.js';
import { purchaseRecommendationTemplates } from './templates/purchase-recommendation.js';
import { repurchaseVipTemplates } from './templates/repurchase-vip.js';
import { satisfactionFollowUpTemplates } from './templates/satisfaction-follow-up.js';
import { usageTutorialsTemplates } from './templates/usage-tutorials.js';
import { welcomeTemplates } from './templates/welcome.js';
import { winBackTemplates } from './templates/win-back.js';
import { usageTutorials } from './usage-tutorials.js';
import { welcome } from './welcome.js';
import { winBack } from './win-back.js';

export const templates: TemplateCatalogue = {
  ...welcomeTemplates,
  ...nurtureTemplates,
  ...winBackTemplates,
  ...repurchaseVipTemplates,
  ...coldReactivationTemplates,
  ...firstOrderReminderTemplates,
  ...satisfactionFollowUpTemplates,
  ...usageTutorialsTemplates,
  ...purchaseRecommendationTemplates,
  ...birthdayCareTemplates,
};

/**
 * Every journey Tideway runs, each with a copy of its templates (its version covers them): a run
 * renders the text it started with. A definition that does not validate throws here, at load.
 */
export const journeys: readonly Journey[] = [
  welcome,
  nurture,
  winBack,
  repurchaseVip,
  coldReactivation,
  firstOrderReminder,
  satisfactionFollowUp,
  usageTutorials,
  purchaseRecommendation,
  birthdayCare,
].map((journey) => withTemplates(journey, templates));

/** Variables every template may use besides the customer's own (`name`): set from configuration. */
export const TEMPLATE_DEFAULT_VARIABLES = ['brand', 'handbookUrl', 'surveyUrl', 'couponUrl'] as const;

export function findJourney(id: string): Journey | undefined {
  return journeys.find((journey) => journey.id === id);
}
