// Karma runs the specs in headless Chromium. CHROME_BIN picks the browser binary.
module.exports = function (config) {
  config.set({
    frameworks: ['jasmine'],
    files: [
      'src/*.js',
      'test/helpers.js',
      'test/**/*.spec.js',
      { pattern: 'test/fixtures/**/*', included: false, served: true, watched: false }
    ],
    reporters: ['mocha'],
    mochaReporter: { output: 'full' },
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run'
        ]
      }
    },
    client: {
      clearContext: false,
      jasmine: { random: false }
    },
    singleRun: true,
    autoWatch: false,
    captureTimeout: 120000,
    browserNoActivityTimeout: 60000,
    browserDisconnectTimeout: 10000,
    browserDisconnectTolerance: 1,
    logLevel: config.LOG_INFO
  });
};
