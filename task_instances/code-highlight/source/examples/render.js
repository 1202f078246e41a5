#!/usr/bin/env node
'use strict';

// Prints a self-contained HTML page (theme CSS inlined) with the highlighted code of a config:
//   node examples/render.js examples/demo.json > demo.html
//
// config: { "code": "..." or ["line", ...], "language": "js", "theme": "dark",
//           "lineNumbers": true, "startLine": 1, "highlightLines": "2-3", "title": "..." }
const fs = require('fs');
const { highlight, themeCss, escapeHtml } = require('../src');

const file = process.argv[2];
if (!file) {
  console.error('usage: node examples/render.js <config.json>');
  process.exit(2);
}

const config = JSON.parse(fs.readFileSync(file, 'utf8'));
const code = Array.isArray(config.code) ? config.code.join('\n') : String(config.code || '');
const theme = config.theme || 'light';
const pageBackground = theme === 'dark' ? '#111418' : '#ffffff';
const pageText = theme === 'dark' ? '#e6e6e6' : '#1f2328';

const markup = highlight(code, {
  language: config.language || 'javascript',
  theme,
  lineNumbers: config.lineNumbers,
  startLine: config.startLine,
  highlightLines: config.highlightLines,
});

const title = config.title ? `<h1>${escapeHtml(config.title)}</h1>\n` : '';

process.stdout.write(`<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeHtml(config.title || 'glowcode highlight')}</title>
<style>
html, body { margin: 0; background: ${pageBackground}; color: ${pageText}; }
body { padding: 16px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 15px; font-weight: 600; margin: 0 0 10px; }
${themeCss(theme)}
</style>
</head>
<body>
${title}${markup}
</body>
</html>
`);
