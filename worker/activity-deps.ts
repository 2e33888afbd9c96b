import nodemailer from 'nodemailer';
import type { ActivityDeps } from '../activities/index.js';
import type { Config } from '../config/env.js';
import { loadHealthModel } from '../config/health-model.js';
import { templates } from '../journeys/index.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

/** The real collaborators of the activities, from configuration. */
export function activityDepsFromConfig(config: Config, runner: JourneyRunner): ActivityDeps {
  return {
    mailer: nodemailer.createTransport(config.SMTP_URL),
    from: config.MAIL_FROM,
    templates,
    templateDefaults: {
      brand: config.TIDEWAY_BRAND,
      handbookUrl: `${config.TIDEWAY_PUBLIC_URL}/handbook`,
      surveyUrl: `${config.TIDEWAY_PUBLIC_URL}/survey`,
      couponUrl: `${config.TIDEWAY_PUBLIC_URL}/coupon`,
    },
    webhooks: config.TIDEWAY_WEBHOOKS,
    webhookSecret: config.TIDEWAY_WEBHOOK_SECRET ?? '',
    crmStageWebhook: config.TIDEWAY_CRM_STAGE_WEBHOOK,
    runner,
    healthModel: loadHealthModel(config.TIDEWAY_HEALTH_MODEL),
  };
}
