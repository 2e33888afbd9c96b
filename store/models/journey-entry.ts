import { type InferSchemaType, model, Schema } from 'mongoose';

/**
 * A customer's runs of one journey, as the re-entry policy needs them: one row per journey and customer
 * under `_id` `<journeyId>:<customerId>`, so the check is one lookup by `_id` (FerretDB's SQLite backend
 * scans the whole collection for any other filter). Written by the run's own report row (recordRun).
 */
const journeyEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    lastStartedAt: Date,
    /** When the latest run ended; `{ after }` keeps the customer out until then plus the period. */
    lastFinishedAt: Date,
    /** The date occurrences the customer entered on (`date:birthday:2026-03-14`): an hourly sweep enters each once. */
    dateTriggers: { type: [String], default: undefined },
  },
  { versionKey: false },
);

export type JourneyEntryDoc = InferSchemaType<typeof journeyEntrySchema>;
export const JourneyEntryModel = model('JourneyEntry', journeyEntrySchema, 'journey_entries');
export const journeyEntryId = (journeyId: string, customerId: string) => `${journeyId}:${customerId}`;
/** Marks that every run recorded before the rows existed has been folded into them (store/journey-reentry.ts). */
export const BACKFILLED_ID = '#backfilled';
