import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Tideway's custom search attributes: ops find any customer's or journey's runs in the Temporal UI by these. */
export const CustomerId = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const JourneyId = defineSearchAttributeKey('JourneyId', SearchAttributeType.KEYWORD);
export const JourneyVersion = defineSearchAttributeKey('JourneyVersion', SearchAttributeType.KEYWORD);
export const JourneyStep = defineSearchAttributeKey('JourneyStep', SearchAttributeType.KEYWORD);
export const Outcome = defineSearchAttributeKey('Outcome', SearchAttributeType.KEYWORD);
export const Stage = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
/** The customer's health score (0–100) on their lifecycle workflow: `HealthScore < 40` finds customers at risk. */
export const HealthScore = defineSearchAttributeKey('HealthScore', SearchAttributeType.INT);

/** Every key above, for registering them with a server. */
export const SEARCH_ATTRIBUTES = [CustomerId, JourneyId, JourneyVersion, JourneyStep, Outcome, Stage, HealthScore] as const;
