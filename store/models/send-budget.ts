import { type InferSchemaType, model, Schema } from 'mongoose';

/** The marketing messages a customer got on a channel lately, for the frequency caps: `_id` is `<customer>:<channel>`. */
const sendBudgetSchema = new Schema(
  {
    _id: { type: String, required: true },
    sends: { type: [{ sendKey: String, at: Date, _id: false }], default: [] },
    /** Bumped by every reservation: two journeys sending at once cannot both take the last slot. */
    version: { type: Number, required: true },
  },
  { versionKey: false },
);

export type SendBudgetDoc = InferSchemaType<typeof sendBudgetSchema>;
export const SendBudgetModel = model('SendBudget', sendBudgetSchema, 'send_budgets');
