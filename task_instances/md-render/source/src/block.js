'use strict';

const { startsTable, parseTable } = require('./table');

/*
 * Block structure. parseBlocks(markdown) returns a list of nodes:
 *
 *   { type: 'heading', level, text }         ATX ("## Title") and setext (underlined) headings
 *   { type: 'paragraph', text }
 *   { type: 'code', lang, text }             fenced (``` / ~~~) and indented code
 *   { type: 'blockquote', children }
 *   { type: 'list', ordered, start, tight, items: [{ task, children }] }
 *                                            task is null, or true/false for "[x]" / "[ ]" items
 *   { type: 'table', align, header, rows }   see table.js
 *   { type: 'hr' }
 *
 * `text` fields hold the raw inline Markdown, rendered later by inline.js.
 */

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const TASK_ITEM = /^ {0,3}- \[([ xX])\](?:[ \t]+|$)/;
const INDENTED_CODE = /^ {4}/;

function isBlank(line) {
  return line.trim() === '';
}

function indentOf(line) {
  return line.length - line.trimStart().length;
}

/** Replaces tabs by spaces up to the next multiple of four columns. */
function expandTabs(line) {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  }
  return out;
}

/** The list item opened by `line`, or null: {indent, marker, ordered, bullet, start, offset, content}. */
function listItem(line) {
  if (THEMATIC_BREAK.test(line)) return null;
  const m = LIST_ITEM.exec(line);
  if (!m) return null;
  const [, indent, marker, spacing = '', rest = ''] = m;
  const ordered = /\d/.test(marker);
  // Content starts after the marker and its spaces; 5+ spaces mean indented code, so count one.
  const gap = rest === '' || spacing.length > 4 ? 1 : spacing.length;
  return {
    indent: indent.length,
    marker,
    ordered,
    bullet: ordered ? marker.slice(-1) : marker,
    start: ordered ? parseInt(marker, 10) : null,
    offset: indent.length + marker.length + gap,
    content: spacing.length > 4 ? ' '.repeat(spacing.length - 1) + rest : rest,
  };
}

/** Whether `line` starts a block that ends a paragraph without a blank line in between. */
function interruptsParagraph(line) {
  if (ATX_HEADING.test(line) || FENCE.test(line) || THEMATIC_BREAK.test(line) || BLOCKQUOTE.test(line)) return true;
  const item = listItem(line);
  // An ordered list may only interrupt a paragraph when it starts at 1, and no list starts empty.
  return item !== null && item.content.trim() !== '' && (!item.ordered || item.start === 1);
}

function parseFence(lines, i, m) {
  const indent = m[1].length;
  const fence = m[2];
  const lang = m[3].split(/\s+/)[0] || null;
  const body = [];
  let next = i + 1;
  while (next < lines.length) {
    const line = lines[next];
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
    next += 1;
    if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
    body.push(line.slice(Math.min(indent, indentOf(line))));
  }
  return { node: { type: 'code', lang, text: body.join('\n') }, next };
}

function parseIndentedCode(lines, i) {
  const body = [];
  let next = i;
  while (next < lines.length && (INDENTED_CODE.test(lines[next]) || isBlank(lines[next]))) {
    body.push(lines[next].slice(4));
    next += 1;
  }
  while (body.length && isBlank(body[body.length - 1])) {
    body.pop();
    next -= 1;
  }
  return { node: { type: 'code', lang: null, text: body.join('\n') }, next };
}

function parseBlockquote(lines, i) {
  const inner = [];
  let next = i;
  while (next < lines.length) {
    const line = lines[next];
    if (BLOCKQUOTE.test(line)) {
      inner.push(line.replace(BLOCKQUOTE, ''));
    } else if (!isBlank(line) && inner.length && !isBlank(inner[inner.length - 1]) && !interruptsParagraph(line)) {
      inner.push(line); // lazy continuation of a quoted paragraph
    } else {
      break;
    }
    next += 1;
  }
  return { node: { type: 'blockquote', children: parseLines(inner) }, next };
}

function sameList(a, b) {
  return a.ordered === b.ordered && a.bullet === b.bullet;
}

/**
 * One list: consecutive items with the same kind of marker. An item holds every following line
 * indented at least to its content column, plus lazy paragraph continuations; the item's lines
 * are parsed again as blocks, which is how nested lists come about.
 */
function parseList(lines, i) {
  const first = listItem(lines[i]);
  const list = { type: 'list', ordered: first.ordered, start: first.start, tight: true, items: [] };
  let next = i;
  let blankBetweenItems = false;
  while (next < lines.length) {
    const item = listItem(lines[next]);
    if (!item || !sameList(item, first) || item.indent >= first.offset) break;
    let content = item.content;
    let task = null;
    const taskItem = TASK_ITEM.exec(lines[next]);
    if (taskItem) {
      task = taskItem[1] !== ' ';
      content = lines[next].slice(taskItem[0].length);
    }
    const itemLines = [content];
    next += 1;
    while (next < lines.length) {
      const line = lines[next];
      if (isBlank(line)) {
        itemLines.push('');
      } else if (indentOf(line) >= item.offset) {
        itemLines.push(line.slice(item.offset));
      } else if (!isBlank(itemLines[itemLines.length - 1]) && !listItem(line) && !interruptsParagraph(line)
                 && !FENCE.test(itemLines[0])) {
        itemLines.push(line.trim()); // lazy continuation
      } else {
        break;
      }
      next += 1;
    }
    let trailingBlanks = 0;
    while (itemLines.length > 1 && isBlank(itemLines[itemLines.length - 1])) {
      itemLines.pop();
      trailingBlanks += 1;
    }
    const children = parseLines(itemLines);
    if (children.filter((child) => child.type !== 'list').length > 1 && itemLines.some(isBlank)) list.tight = false;
    list.items.push({ task, children });
    const following = next < lines.length ? listItem(lines[next]) : null;
    if (trailingBlanks > 0 && following && sameList(following, first) && following.indent < first.offset) {
      blankBetweenItems = true;
    } else if (trailingBlanks > 0) {
      next -= trailingBlanks; // the blank lines belong to whatever follows the list
    }
  }
  if (blankBetweenItems) list.tight = false;
  return { node: list, next };
}

function parseParagraph(lines, i) {
  const text = [lines[i].trim()];
  let next = i + 1;
  while (next < lines.length) {
    const line = lines[next];
    if (isBlank(line)) break;
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline) {
      return { node: { type: 'heading', level: underline[1][0] === '=' ? 1 : 2, text: text.join('\n') }, next: next + 1 };
    }
    if (interruptsParagraph(line) || startsTable(lines, next)) break;
    text.push(line.trim());
    next += 1;
  }
  // Keep trailing double spaces of inner lines: they are hard line breaks.
  const raw = lines.slice(i, next).map((line, k, all) => (k < all.length - 1 ? line.trimStart() : line.trim()));
  return { node: { type: 'paragraph', text: raw.join('\n') }, next };
}

function parseLines(lines) {
  const nodes = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    let result = null;
    let m;
    if ((m = FENCE.exec(line)) && !(m[2][0] === '`' && m[3].includes('`'))) {
      result = parseFence(lines, i, m);
    } else if ((m = ATX_HEADING.exec(line))) {
      result = { node: { type: 'heading', level: m[1].length, text: (m[2] || '').trim() }, next: i + 1 };
    } else if (THEMATIC_BREAK.test(line)) {
      result = { node: { type: 'hr' }, next: i + 1 };
    } else if (BLOCKQUOTE.test(line)) {
      result = parseBlockquote(lines, i);
    } else if (listItem(line)) {
      result = parseList(lines, i);
    } else if (INDENTED_CODE.test(line)) {
      result = parseIndentedCode(lines, i);
    } else if (startsTable(lines, i)) {
      result = parseTable(lines, i);
    } else {
      result = parseParagraph(lines, i);
    }
    nodes.push(result.node);
    i = result.next;
  }
  return nodes;
}

/** Parses a Markdown document into block nodes. */
function parseBlocks(markdown) {
  const lines = String(markdown).replace(/\r\n?/g, '\n').split('\n').map(expandTabs);
  return parseLines(lines);
}

module.exports = { parseBlocks, listItem, expandTabs };
