#!/usr/bin/env node
'use strict';

// Prints the SVG of a diagram described by a JSON config: node examples/render.js pipeline.json > pipeline.svg
const fs = require('fs');
const { diagram } = require('../src');

const file = process.argv[2];
if (!file) {
  console.error('usage: node examples/render.js <config.json>');
  process.exit(2);
}
process.stdout.write(diagram(JSON.parse(fs.readFileSync(file, 'utf8'))) + '\n');
