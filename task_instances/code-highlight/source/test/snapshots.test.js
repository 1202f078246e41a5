'use strict';

const assert = require('assert');
const fs = require('fs');
const { highlight } = require('../src');
const { fixtureCases } = require('./helpers');

// Each folder of test/fixtures holds an input.<language> and the expected.html it renders
// to (with line numbers, and the options of an optional options.json). To update a
// snapshot after an intended change: node test/helpers/update-fixtures.js <folder>
describe('snapshots', () => {
  for (const fixture of fixtureCases()) {
    it(`renders ${fixture.name} like expected.html`, () => {
      const code = fs.readFileSync(fixture.input, 'utf8');
      const actual = highlight(code, { language: fixture.language, lineNumbers: true, ...fixture.options });
      const expected = fs.readFileSync(fixture.expected, 'utf8').replace(/\n$/, '');
      assert.strictEqual(actual, expected);
    });
  }
});
