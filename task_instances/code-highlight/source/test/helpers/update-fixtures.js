#!/usr/bin/env node
'use strict';

// Rewrites test/fixtures/<name>/expected.html from the current renderer. Check the diff!
//   node test/helpers/update-fixtures.js [name ...]
const fs = require('fs');
const { highlight } = require('../../src');
const { fixtureCases } = require('.');

const only = process.argv.slice(2);
for (const fixture of fixtureCases()) {
  if (only.length && !only.includes(fixture.name)) {
    continue;
  }
  const code = fs.readFileSync(fixture.input, 'utf8');
  const html = highlight(code, { language: fixture.language, lineNumbers: true, ...fixture.options });
  fs.writeFileSync(fixture.expected, `${html}\n`);
  console.log(`wrote ${fixture.expected}`);
}
