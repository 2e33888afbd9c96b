// Prints vitest's JSON report as one plain closing line ("tests: N passed, N failed, N skipped"),
// which reads the same in any CI log, colours or not.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (report.numTotalTests === 0) process.exitCode = 1;
