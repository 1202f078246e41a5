'use strict';

// Text measurement without a browser: advance widths of a Helvetica-like sans-serif font, in ems.
// Close enough for sizing boxes; the renderer asks for a sans-serif font so the estimate holds.

const NARROW = { i: 0.22, j: 0.22, l: 0.22, I: 0.28, '.': 0.28, ',': 0.28, ':': 0.28, ';': 0.28, '!': 0.28, "'": 0.19, '|': 0.26 };
const SLIM = { f: 0.28, t: 0.28, r: 0.33, ' ': 0.28, '(': 0.33, ')': 0.33, '[': 0.28, ']': 0.28, '-': 0.33, '/': 0.28 };
const WIDE = { m: 0.83, w: 0.72, M: 0.83, W: 0.94, '@': 1.02, '%': 0.89 };
const DEFAULT_LOWER = 0.55;
const DEFAULT_UPPER = 0.67;
const DIGIT = 0.56;
const OTHER = 0.58;

function charWidth(ch) {
  if (ch in NARROW) return NARROW[ch];
  if (ch in SLIM) return SLIM[ch];
  if (ch in WIDE) return WIDE[ch];
  if (ch >= '0' && ch <= '9') return DIGIT;
  if (ch >= 'a' && ch <= 'z') return DEFAULT_LOWER;
  if (ch >= 'A' && ch <= 'Z') return DEFAULT_UPPER;
  return OTHER;
}

// Width in pixels of one line of text at the given font size.
function textWidth(text, fontSize) {
  let ems = 0;
  for (const ch of String(text)) ems += charWidth(ch);
  return ems * fontSize;
}

// Labels may hold several lines separated by "\n".
function splitLines(label) {
  if (label === undefined || label === null || label === '') return [];
  return String(label).split(/\r?\n/);
}

// The box a label needs: the widest line, and one line height per line.
function measureLabel(label, fontSize, lineHeight) {
  const lines = splitLines(label);
  const width = lines.reduce((widest, line) => Math.max(widest, textWidth(line, fontSize)), 0);
  return { lines, width, height: lines.length * fontSize * lineHeight };
}

module.exports = { charWidth, textWidth, splitLines, measureLabel };
