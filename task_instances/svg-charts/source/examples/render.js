#!/usr/bin/env node
'use strict';

// Prints the SVG of a chart described by a JSON config: node examples/render.js config.json > chart.svg
const fs = require('fs');
const { barChart } = require('../src');

const file = process.argv[2];
if (!file) {
  console.error('usage: node examples/render.js <config.json>');
  process.exit(2);
}
process.stdout.write(barChart(JSON.parse(fs.readFileSync(file, 'utf8'))) + '\n');
