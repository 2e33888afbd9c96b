/** Which run and step an activity works for; every activity input carries it. */
export interface StepRef {
  workflowId: string;
  runId: string;
  journeyId: string;
  journeyVersion: string;
  customerId: string;
  stepKey: string;
}
