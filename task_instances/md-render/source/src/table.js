'use strict';

/**
 * GitHub-style pipe tables:
 *
 *     | Item   | Qty | Price |
 *     | :----- | :-: | ----: |
 *     | Apples |  3  |  1.20 |
 *
 * The delimiter row decides each column's alignment (":--" left, ":-:" centre, "--:" right,
 * "---" none). Leading and trailing pipes are optional; "\|" is a literal pipe inside a cell.
 */

/** Splits one table row into trimmed cell texts. */
function splitRow(line) {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells = [];
  let current = '';
  let inCode = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '|') {
      current += '|';
      i += 1;
    } else if (ch === '`') {
      let run = 1;
      while (text[i + run] === '`') run += 1;
      if (inCode === 0) inCode = run;
      else if (inCode === run) inCode = 0;
      current += text.slice(i, i + run);
      i += run - 1;
    } else if (ch === '|' && inCode === 0) {
      cells.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  cells.push(current.trim());
  return cells;
}

const DELIMITER_CELL = /^:?-+:?$/;

/** 'left' | 'center' | 'right' | null for one delimiter-row cell such as ":-:". */
function cellAlignment(cell) {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  if (left && right) return 'center';
  if (right) return 'right';
  if (left) return 'left';
  return null;
}

/** The column alignments of a delimiter row, or null if `line` is not one. */
function parseDelimiterRow(line) {
  if (!line.includes('-') || !/^[\s|:-]+$/.test(line)) return null;
  const cells = splitRow(line);
  if (!cells.every((cell) => DELIMITER_CELL.test(cell))) return null;
  if (cells.length === 1 && !line.includes('|')) return null;
  return cells.map(cellAlignment);
}

/** Whether lines[i] and lines[i + 1] open a table (a header row and a matching delimiter row). */
function startsTable(lines, i) {
  const header = lines[i];
  const delimiter = lines[i + 1];
  if (header === undefined || delimiter === undefined || !header.includes('|')) return false;
  const align = parseDelimiterRow(delimiter);
  return align !== null && align.length === splitRow(header).length;
}

/**
 * Parses the table starting at lines[i] (startsTable must hold); returns the table node and the
 * index of the first line after it. Body rows end at a blank line or a line without a pipe; they
 * are padded or cut to the header's width.
 */
function parseTable(lines, i) {
  const header = splitRow(lines[i]);
  const align = parseDelimiterRow(lines[i + 1]);
  const rows = [];
  let next = i + 2;
  while (next < lines.length && lines[next].trim() !== '' && lines[next].includes('|')) {
    const cells = splitRow(lines[next]).slice(0, header.length);
    while (cells.length < header.length) cells.push('');
    rows.push(cells);
    next += 1;
  }
  return { node: { type: 'table', align, header, rows }, next };
}

module.exports = { splitRow, cellAlignment, parseDelimiterRow, startsTable, parseTable };
