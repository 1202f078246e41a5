#!/usr/bin/env node
'use strict';

// Prints a complete HTML page (stylesheet inlined) for the Markdown in a JSON config:
//
//   node examples/render.js examples/release-notes.json > page.html
//
// Config fields: markdown (a string, or an array of lines), and optionally title, theme
// ('light' | 'dark'), anchors (boolean) and css (extra CSS appended to the theme).
const fs = require('fs');
const { renderPage } = require('../src');

const file = process.argv[2];
if (!file) {
  console.error('usage: node examples/render.js <config.json>');
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(file, 'utf8'));
const markdown = Array.isArray(config.markdown) ? config.markdown.join('\n') : String(config.markdown || '');
const { markdown: _ignored, ...options } = config;
process.stdout.write(renderPage(markdown, options));
