/** What the journey routes answer (api/routes/journeys.ts, api/routes/reports.ts), as the pages read it. */
import type { JourneyDefinition } from '../../../../domain/journey.js';

export interface JourneySummary {
  id: string;
  name: string;
  version: string;
  entry: JourneyDefinition['entry'];
  reentry: 'never' | 'always' | { after: string };
  goal: { events: string[]; tasks: { step: string; outcomes: string[] }[] } | null;
  exit: { events: string[] } | null;
  steps: number;
}

export interface JourneyDetail extends JourneySummary {
  definition: Pick<JourneyDefinition, 'steps' | 'goal'>;
  mermaid: string;
}

/** A 95 % interval (Wilson's for a rate, Newcombe's for a difference of rates). */
interface Interval95 {
  level: number;
  low: number;
  high: number;
}

export interface JourneyReport {
  journeyId: string;
  version: string;
  entered: number;
  inProgress: number;
  completed: number;
  goalReached: number;
  outcomes: { outcome: string | null; reason: string | null; count: number }[];
  steps: { key: string; kind: string; passed: number }[];
  conversionRate: number | null;
  confidence: Interval95;
  arms: {
    experiment: string;
    arm: string;
    holdout: boolean;
    entered: number;
    goalReached: number;
    conversionRate: number | null;
    confidence: Interval95;
    /** This arm's conversion minus the holdout arm's, when the split has one. */
    versusHoldout: { holdoutArm: string; difference: number; confidence: Interval95 } | null;
  }[];
  /** The diagram with the runs that passed each step written on it. */
  mermaid: string;
}
