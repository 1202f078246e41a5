// swebench-mm: a jasmine reporter that names every spec with its status, one line each.
// Jasmine's default reporter names failures only (fail-only logs); measuring PASS_TO_PASS needs the
// passing specs too. Loaded with `jasmine --reporter=/swebench_mm/helpers/jasmine-list-reporter.js`.
'use strict';

class SwebenchMmListReporter {
  constructor() {
    this.ran = 0;
    this.failed = 0;
  }

  specDone(result) {
    console.log(`SWEBENCH-MM-TEST ${String(result.status).toUpperCase()} ${result.fullName}`);
    // Counted as jasmine's own summary counts: every spec but those a filter excluded.
    if (result.status !== 'excluded') this.ran += 1;
    if (result.status === 'failed') this.failed += 1;
  }

  suiteDone(result) {
    if (result.status === 'failed') {
      console.log(`SWEBENCH-MM-TEST SUITE-ERROR ${result.fullName}`);
    }
  }

  jasmineDone(result) {
    // The summary line in the default reporter's words, so a measuring run's count (how many tests
    // validation saw executed) is read by the same rule as an evaluation's (harness/evidence.py).
    console.log(`${this.ran} specs, ${this.failed} failures`);
    console.log(`SWEBENCH-MM-DONE ${result.overallStatus}`);
  }
}

module.exports = SwebenchMmListReporter;
