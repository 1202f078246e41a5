// swebench-mm: a jasmine reporter that names every spec with its status, one line each.
// Jasmine's default reporter names failures only (fail-only logs); measuring PASS_TO_PASS needs the
// passing specs too. Loaded with `jasmine --reporter=/swebench_mm/helpers/jasmine-list-reporter.js`.
'use strict';

class SwebenchMmListReporter {
  specDone(result) {
    console.log(`SWEBENCH-MM-TEST ${String(result.status).toUpperCase()} ${result.fullName}`);
  }

  suiteDone(result) {
    if (result.status === 'failed') {
      console.log(`SWEBENCH-MM-TEST SUITE-ERROR ${result.fullName}`);
    }
  }

  jasmineDone(result) {
    console.log(`SWEBENCH-MM-DONE ${result.overallStatus}`);
  }
}

module.exports = SwebenchMmListReporter;
