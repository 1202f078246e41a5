#!/usr/bin/env node
'use strict';

// Prints a self-contained HTML page drawing the chart of a JSON config:
//   node examples/render.js config.json > chart.html
// The config is what SparkCanvas.draw takes ({type, values | value, width, height, ...options}),
// plus an optional `title` shown above the canvas. The library source is inlined into the page.
const fs = require('fs');
const path = require('path');

const file = process.argv[2];
if (!file) {
  console.error('usage: node examples/render.js <config.json>');
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(file, 'utf8'));
const srcDir = path.join(__dirname, '..', 'src');
const library = fs
  .readdirSync(srcDir)
  .filter((name) => name.endsWith('.js'))
  .sort()
  .map((name) => `// ---- src/${name}\n` + fs.readFileSync(path.join(srcDir, name), 'utf8'))
  .join('\n');

const escapeHtml = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
// keep `</script>` in the JSON from closing the script element
const configJson = JSON.stringify(config).replace(/</g, '\\u003c');
const title = config.title ? `<p class="title">${escapeHtml(config.title)}</p>\n` : '';

process.stdout.write(`<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeHtml(config.title || 'spark-canvas')}</title>
<style>
  html, body { margin: 0; background: #fff; }
  body { padding: 10px; font: 14px sans-serif; color: #222; }
  .title { margin: 0 0 6px; font-weight: bold; }
  canvas { display: block; }
</style>
</head>
<body>
${title}<canvas id="chart"></canvas>
<script>
${library}
</script>
<script>
SparkCanvas.draw(document.getElementById('chart'), ${configJson});
</script>
</body>
</html>
`);
