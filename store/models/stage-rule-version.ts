import { type InferSchemaType, model, Schema } from 'mongoose';

/** A published version of the stage rules' parameters; version 1 is built in and not stored. */
const stageRuleVersionSchema = new Schema(
  {
    /** `stage-rules@<n>`: recorded with every stage change made while it is in force. */
    _id: { type: String, required: true },
    n: { type: Number, required: true, unique: true },
    highValue: { orders: { type: Number, required: true }, totalValue: { type: Number, required: true } },
    sensitive: { type: [{ from: String, to: String, _id: false }], default: [] },
    note: String,
    publishedAt: { type: Date, required: true },
    /** Set when rolled back: the version before it is in force again. */
    rolledBackAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export type StageRuleVersionDoc = InferSchemaType<typeof stageRuleVersionSchema>;
export const StageRuleVersionModel = model('StageRuleVersion', stageRuleVersionSchema, 'stage_rule_versions');
