import { writeSync } from 'node:fs';

// Ends each jest run with the plain closing line CI counts tests by ("N passed, N failed"): CI
// does not read jest's own summary. Written as the process exits, after jest's summary and
// coverage, so that it is the run's last line.
export default class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`;
    process.once('exit', () => writeSync(1, `\n${line}\n`));
  }
}
