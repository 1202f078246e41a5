'use strict';

const { parseBlocks } = require('./block');
const { renderBlocks } = require('./render');
const { renderInline } = require('./inline');
const { escapeHtml } = require('./escape');
const { slugify } = require('./slug');
const { stylesheet, containerClass, THEMES } = require('./theme');

/**
 * Renders Markdown to an HTML fragment.
 *
 * Options:
 *   headingIds  give headings unique ids derived from their text (default true)
 *   anchors     prepend a "#" permalink to each heading (default false; needs headingIds)
 */
function render(markdown, options = {}) {
  return renderBlocks(parseBlocks(markdown), options);
}

/**
 * Renders Markdown to a complete, self-contained HTML page with the stylesheet inlined.
 *
 * Options: those of render(), plus
 *   title   the page title (default: the text of the first heading, else "Document")
 *   theme   'light' (default) or 'dark'
 *   css     extra CSS appended after the default stylesheet
 */
function renderPage(markdown, options = {}) {
  const { title, theme = 'light', css = '', ...renderOptions } = options;
  const nodes = parseBlocks(markdown);
  const heading = nodes.find((node) => node.type === 'heading');
  const pageTitle = title || (heading ? renderInline(heading.text).replace(/<[^>]*>/g, '') : 'Document');
  const body = renderBlocks(nodes, renderOptions);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(pageTitle)}</title>`,
    `<style>\n${stylesheet()}${css ? `\n${css}` : ''}\n</style>`,
    '</head>',
    `<body class="md-page${theme === 'dark' ? ' md-page--dark' : ''}">`,
    `<article class="${containerClass(theme)}">`,
    body,
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

module.exports = { render, renderPage, parseBlocks, renderInline, slugify, stylesheet, THEMES };
