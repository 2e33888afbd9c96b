/** The providers' webhooks: public, each authenticated by the provider's signature instead of an API key. */
import { answer, errors, json, problem } from './openapi-parts.js';
import { EMAIL_FEEDBACK_PATH, emailFeedbackResultSchema, emailFeedbackSchema } from './routes/email-feedback.js';
import { TWILIO_INBOUND_PATH, twilioInboundSchema } from './routes/twilio-inbound.js';
import { TWILIO_STATUS_PATH, twilioStatusSchema } from './routes/twilio-webhooks.js';

const twilioSignature = [{ name: 'X-Twilio-Signature', in: 'header', required: false, schema: { type: 'string' } }];
const twilioForm = (schema: Parameters<typeof json>[0]) => ({ required: true, content: { 'application/x-www-form-urlencoded': { schema: json(schema) } } });
const refusals = {
  400: errors[400],
  403: problem('The signature is missing or does not match'),
  413: problem('The body is over 64 KB'),
  415: problem('A Content-Encoding other than gzip, deflate or br'),
  503: errors[503],
};

export const webhookPaths = {
  [TWILIO_STATUS_PATH]: {
    post: {
      summary: "Twilio's status callback for an SMS Tideway sent; signed with X-Twilio-Signature instead of the API key",
      security: [],
      parameters: twilioSignature,
      requestBody: twilioForm(twilioStatusSchema),
      responses: {
        204: { description: 'Recorded (a status that says nothing new changes nothing)' },
        ...refusals,
        404: problem('Twilio is not configured, or the message was not sent by Tideway'),
      },
    },
  },
  [TWILIO_INBOUND_PATH]: {
    post: {
      summary:
        "Twilio's incoming-message webhook, signed with X-Twilio-Signature: STOP (STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, 退订, TD, 取消订阅) " +
        'opts the sender out of SMS, START (UNSTOP, YES) back in; other text is a customer.interacted event. An unknown number changes nothing',
      security: [],
      parameters: twilioSignature,
      requestBody: twilioForm(twilioInboundSchema),
      responses: {
        200: { description: 'An empty TwiML answer', content: { 'text/xml': { schema: { type: 'string' } } } },
        ...refusals,
        404: problem('Twilio is not configured'),
      },
    },
  },
  [EMAIL_FEEDBACK_PATH]: {
    post: {
      summary:
        "The email provider's bounces and complaints: a hard bounce or a complaint opts the address's customer out of email (source email:bounce or email:complaint). " +
        'Signed like Tideway\'s own webhooks: X-Tideway-Signature is sha256=<hex HMAC-SHA256 of "<X-Tideway-Timestamp>.<raw body>"> with TIDEWAY_EMAIL_FEEDBACK_SECRET, the timestamp (Unix seconds) within 5 minutes of now',
      security: [],
      parameters: [
        { name: 'X-Tideway-Timestamp', in: 'header', required: false, schema: { type: 'string' } },
        { name: 'X-Tideway-Signature', in: 'header', required: false, schema: { type: 'string' } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: json(emailFeedbackSchema) } } },
      responses: {
        200: answer('The customer is opted out of email (or was already)', emailFeedbackResultSchema),
        202: answer('Nothing changed: a soft bounce, or no customer has the address', emailFeedbackResultSchema),
        ...refusals,
        404: problem('TIDEWAY_EMAIL_FEEDBACK_SECRET is not set'),
      },
    },
  },
};
