'use strict';

const { escapeHtml } = require('./escape');
const { renderInline } = require('./inline');
const { Slugger } = require('./slug');

/*
 * Block nodes (block.js) to HTML. The output has no inline style attributes: everything visual
 * comes from classes and elements styled by theme.css, so pages work under a strict
 * Content-Security-Policy (style-src without 'unsafe-inline').
 */

function headingHtml(node, options, state) {
  const content = renderInline(node.text);
  if (!options.headingIds) return `<h${node.level}>${content}</h${node.level}>`;
  const id = state.slugger.slug(content);
  const anchor = options.anchors ? `<a class="md-anchor" href="#${escapeHtml(id)}" aria-hidden="true">#</a>` : '';
  return `<h${node.level} id="${escapeHtml(id)}">${anchor}${content}</h${node.level}>`;
}

function codeHtml(node) {
  const lang = node.lang ? ` class="language-${escapeHtml(node.lang)}"` : '';
  const text = node.text === '' ? '' : `${escapeHtml(node.text)}\n`;
  return `<pre class="md-code"><code${lang}>${text}</code></pre>`;
}

function listItemHtml(item, list, options, state) {
  const box = item.task === null ? ''
    : `<input type="checkbox" class="task-list-item-checkbox" disabled${item.task ? ' checked' : ''}> `;
  const parts = item.children.map((child, k) => {
    if (child.type !== 'paragraph') return blockHtml(child, options, state);
    const text = (k === 0 ? box : '') + renderInline(child.text);
    return list.tight ? text : `<p>${text}</p>`;
  });
  if (box && (item.children.length === 0 || item.children[0].type !== 'paragraph')) parts.unshift(box.trim());
  const body = list.tight ? parts.join('\n') : `\n${parts.join('\n')}\n`;
  return item.task === null ? `<li>${body}</li>` : `<li class="task-list-item">${body}</li>`;
}

function listHtml(node, options, state) {
  const tag = node.ordered ? 'ol' : 'ul';
  const attrs = [];
  if (node.ordered && node.start !== 1) attrs.push(`start="${node.start}"`);
  if (node.items.some((item) => item.task !== null)) attrs.push('class="contains-task-list"');
  const open = attrs.length ? `<${tag} ${attrs.join(' ')}>` : `<${tag}>`;
  const items = node.items.map((item) => listItemHtml(item, node, options, state));
  return `${open}\n${items.join('\n')}\n</${tag}>`;
}

function cellHtml(tag, text, align) {
  const attr = align ? ` align="${align}"` : '';
  return `<${tag}${attr}>${renderInline(text)}</${tag}>`;
}

function tableHtml(node) {
  const head = node.header.map((text, k) => cellHtml('th', text, node.align[k])).join('');
  let html = `<table>\n<thead>\n<tr>${head}</tr>\n</thead>`;
  if (node.rows.length) {
    const rows = node.rows.map((row) => `<tr>${row.map((text, k) => cellHtml('td', text, node.align[k])).join('')}</tr>`);
    html += `\n<tbody>\n${rows.join('\n')}\n</tbody>`;
  }
  return `${html}\n</table>`;
}

function blockHtml(node, options, state) {
  switch (node.type) {
    case 'heading':
      return headingHtml(node, options, state);
    case 'paragraph':
      return `<p>${renderInline(node.text)}</p>`;
    case 'code':
      return codeHtml(node);
    case 'blockquote':
      return `<blockquote>\n${blocksHtml(node.children, options, state)}\n</blockquote>`;
    case 'list':
      return listHtml(node, options, state);
    case 'table':
      return tableHtml(node);
    case 'hr':
      return '<hr>';
    default:
      throw new Error(`md-render: unknown block type ${node.type}`);
  }
}

function blocksHtml(nodes, options, state) {
  return nodes.map((node) => blockHtml(node, options, state)).join('\n');
}

/** HTML for a list of block nodes. Options: headingIds (default true), anchors (default false). */
function renderBlocks(nodes, options = {}) {
  const opts = { headingIds: true, anchors: false, ...options };
  const state = { slugger: new Slugger() };
  return blocksHtml(nodes, opts, state);
}

module.exports = { renderBlocks };
