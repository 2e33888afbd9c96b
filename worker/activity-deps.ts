import { createMailer } from './mailer.js';
import type { ActivityDeps } from '../activities/index.js';
import type { SmsDeps } from '../activities/sms.js';
import { createTwilioClient } from '../activities/twilio-client.js';
import type { TwilioSms } from '../activities/twilio-sms.js';
import type { WecomChannel, WecomDeps } from '../activities/wecom.js';
import { WecomClient } from '../activities/wecom-client.js';
import { twilioStatusCallbackUrl } from '../api/routes/twilio-webhooks.js';
import type { Config } from '../config/env.js';
import { loadHealthModel } from '../config/health-model.js';
import { loadTaskRouting } from '../config/task-routing.js';
import { templateDefaults } from '../config/template-defaults.js';
import { loadSendPolicy } from '../config/send-policy.js';
import { journeys, templates } from '../journeys/index.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

/** The real collaborators of the activities, from configuration. */
export function activityDepsFromConfig(config: Config, runner: JourneyRunner): ActivityDeps & SmsDeps & WecomDeps {
  return {
    twilio: twilioFromConfig(config),
    wecom: wecomFromConfig(config),
    mailer: createMailer(config.SMTP_URL),
    from: config.MAIL_FROM,
    publicUrl: config.TIDEWAY_PUBLIC_URL,
    unsubscribeSecret: config.TIDEWAY_UNSUBSCRIBE_SECRET,
    templates,
    templateDefaults: templateDefaults({ brand: config.TIDEWAY_BRAND, publicUrl: config.TIDEWAY_PUBLIC_URL, links: config.TIDEWAY_LINKS }),
    webhooks: config.TIDEWAY_WEBHOOKS,
    webhookSecret: config.TIDEWAY_WEBHOOK_SECRET ?? '',
    crmStageWebhook: config.TIDEWAY_CRM_STAGE_WEBHOOK,
    runner,
    journeys,
    healthModel: loadHealthModel(config.TIDEWAY_HEALTH_MODEL),
    taskRouting: loadTaskRouting(config.TIDEWAY_TASK_ROUTING),
    sendPolicy: loadSendPolicy(config.TIDEWAY_SEND_POLICY),
  };
}

/** Twilio when its credentials are set (the config guarantees a sender then); otherwise SMS stay in the outbox. */
function twilioFromConfig(config: Config): TwilioSms | undefined {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: from, TWILIO_MESSAGING_SERVICE_SID: messagingServiceSid } = config;
  if (!accountSid || !authToken) return undefined;
  return {
    client: createTwilioClient({ accountSid, authToken, apiBaseUrl: config.TWILIO_API_BASE_URL }),
    sender: messagingServiceSid ? { messagingServiceSid } : { from: from! },
    statusCallback: twilioStatusCallbackUrl(config.TIDEWAY_PUBLIC_URL),
  };
}

/** WeCom when its corp ID and secret are set (the config guarantees a default sender then); otherwise messages stay in the outbox. */
function wecomFromConfig({ WECOM_CORP_ID: corpId, WECOM_SECRET: secret, WECOM_SENDER: sender, WECOM_API_URL: apiUrl }: Config): WecomChannel | undefined {
  if (!corpId || !secret) return undefined;
  return { client: new WecomClient({ corpId, secret, apiUrl }), sender: sender! };
}
