import { type InferSchemaType, model, Schema } from 'mongoose';
import { CONSENT_CHANNELS, CONSENT_STATUSES } from '../../domain/consent.js';
import { STAGES } from '../../domain/stages.js';

const stageChangeSchema = new Schema(
  {
    from: { type: String, enum: [...STAGES, null], default: null },
    to: { type: String, enum: STAGES, required: true },
    reason: { type: String, required: true },
    /** Who changed it: `api` (a service), `person:<name>` (someone signed in), `event:<type>`, `journey:<id>`. */
    source: { type: String, required: true },
    ruleVersion: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** The customer's word on marketing through one channel, as it stands (domain/consent.ts reads it). */
const consentRecordSchema = new Schema(
  {
    status: { type: String, enum: CONSENT_STATUSES, required: true },
    at: { type: Date, required: true },
    /** `api`, `import`, `unsubscribe-link`, `sms-stop`, … */
    source: { type: String, required: true },
  },
  { _id: false },
);

const consentChangeSchema = new Schema(
  {
    channel: { type: String, enum: CONSENT_CHANNELS, required: true },
    status: { type: String, enum: CONSENT_STATUSES, required: true },
    at: { type: Date, required: true },
    source: { type: String, required: true },
  },
  { _id: false },
);

const customerSchema = new Schema(
  {
    _id: { type: String, required: true },
    email: String,
    phone: String,
    /** The customer as a WeCom external contact, and the staff member who sends to them (else WECOM_SENDER). */
    wecom: { externalUserId: String, sender: String },
    name: String,
    locale: String,
    timezone: String,
    /** No record for a channel = no marketing through it. */
    consent: { email: consentRecordSchema, sms: consentRecordSchema, wecom: consentRecordSchema },
    /** Every change of consent, appended, never rewritten. */
    consentHistory: { type: [consentChangeSchema], default: [] },
    stage: { type: String, enum: [...STAGES, null], default: null },
    stageChangedAt: Date,
    stageHistory: { type: [stageChangeSchema], default: [] },
    /** The rule version of the last change: a rollback re-evaluates the customers its version moved. */
    stageRuleVersion: String,
    tags: { type: [String], default: [] },
    /** Facts the stage rules use, mirrored from the customer's lifecycle workflow. */
    orders: { type: Number, default: 0 },
    totalValue: { type: Number, default: 0 },
    lastInteractionAt: Date,
    /** Custom attributes declared in config/customer-attributes.json; a `date` is a calendar date `YYYY-MM-DD`. */
    attributes: { type: Schema.Types.Mixed, default: {} },
    /** Derived from `attributes` on every write (domain/attribute-dates.ts): `"<attribute>:<MM-DD>"`. */
    anniversaries: { type: [String], default: [] },
    /** Derived likewise: `"<attribute>:<YYYY-MM-DD>"`. */
    dates: { type: [String], default: [] },
    /** 0–100 from config/health-model.json, with the part each component contributed. */
    health: { score: Number, components: { type: Schema.Types.Mixed }, updatedAt: Date },
    /** Set when this customer was folded into another (the survivor); the document stays for audit. */
    mergedInto: String,
    /** When the merge finished; `mergedInto` without it is a merge in progress, which a retry completes. */
    mergedAt: Date,
  },
  { timestamps: true, versionKey: false },
);
customerSchema.index({ stage: 1 });
customerSchema.index({ stageRuleVersion: 1 });
customerSchema.index({ anniversaries: 1 });
customerSchema.index({ dates: 1 });
// Segment terms of scheduled journeys (store/segment-query.ts) besides stage and dates.
customerSchema.index({ 'health.score': 1 });
customerSchema.index({ tags: 1 });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;
export const CustomerModel = model('Customer', customerSchema, 'customers');
