#!/usr/bin/env node
'use strict';

// Prints a self-contained HTML page that shows the components a JSON config describes:
//
//   node examples/render.js examples/gallery.json > gallery.html
//
// The page inlines src/styles.css, the library (src/*.js wrapped in a tiny CommonJS loader) and
// examples/mount.js, so it can be opened from anywhere, file:// included.
const fs = require('fs');
const path = require('path');

const SRC = path.join(__dirname, '..', 'src');

const PAGE_CSS = `
html, body { margin: 0; }
body { padding: 16px 20px; min-height: 100vh; box-sizing: border-box; }
.demo-title { margin: 0 0 14px; font: 600 17px/1.3 var(--tui-font); }
.demo-heading { margin: 18px 0 8px; font: 600 13px/1.3 var(--tui-font); color: var(--tui-text-muted);
  text-transform: uppercase; letter-spacing: 0.04em; }
.demo-text { margin: 0 0 10px; font: 14px/1.45 var(--tui-font); color: var(--tui-text-muted); }
.demo-row { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; margin: 0 0 16px; }
.demo-badge { display: inline-flex; align-items: center; gap: 6px; font: 14px/1 var(--tui-font); }
.demo-tabs { max-width: 520px; margin: 0 0 16px; }
.demo-stage { position: relative; display: flex; justify-content: center; align-items: center;
  min-width: 200px; height: 110px; padding: 0 16px; border: 1px dashed var(--tui-border); border-radius: 8px; }
.demo-stage--left { justify-content: flex-end; padding-right: 24px; }
.demo-stage--right { justify-content: flex-start; padding-left: 24px; }
`;

// Wraps every module of src/ in a function and resolves require('./name') between them.
function bundle() {
  const files = fs.readdirSync(SRC).filter((f) => f.endsWith('.js')).sort();
  const defs = files.map((file) => {
    const id = './' + file.replace(/\.js$/, '');
    const code = fs.readFileSync(path.join(SRC, file), 'utf8');
    return `defs[${JSON.stringify(id)}] = function (module, exports, require) {\n${code}\n};`;
  });
  return [
    '(function () {',
    'var defs = {}, cache = {};',
    ...defs,
    'function load(id) {',
    '  if (!defs[id]) throw new Error("tinyui bundle: no module " + id);',
    '  if (!cache[id]) { var module = { exports: {} }; cache[id] = module; defs[id](module, module.exports, load); }',
    '  return cache[id].exports;',
    '}',
    'window.tinyui = load("./index");',
    '})();',
  ].join('\n');
}

// JSON that is safe inside a <script> element.
function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function page(config) {
  const css = fs.readFileSync(path.join(SRC, 'styles.css'), 'utf8');
  const mount = fs.readFileSync(path.join(__dirname, 'mount.js'), 'utf8');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(config.title || 'tinyui components')}</title>`,
    `<style>\n${css}</style>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    '<main id="app"></main>',
    `<script>\n${bundle()}\n</script>`,
    `<script>\n${mount}\nmount(window.tinyui, document.getElementById("app"), ${scriptJson(config)});\n</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node examples/render.js <config.json>');
    process.exit(2);
  }
  process.stdout.write(page(JSON.parse(fs.readFileSync(file, 'utf8'))) + '\n');
}

module.exports = { page, bundle };
