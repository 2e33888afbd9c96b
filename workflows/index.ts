export { journeyRun } from './journey-run.js';
