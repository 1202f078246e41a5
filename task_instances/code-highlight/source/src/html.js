'use strict';

const { escapeHtml } = require('./escape');
const { splitLines, parseLineSpec } = require('./lines');

function renderToken(token) {
  const text = escapeHtml(token.value);
  return token.type === 'plain' ? text : `<span class="tok-${token.type}">${text}</span>`;
}

/**
 * Render tokens as the highlighter's markup:
 *
 *   <div class="glow glow-theme-light glow-lang-javascript glow-numbered">
 *     <div class="glow-gutter" aria-hidden="true"><span class="glow-ln">1</span>...</div>
 *     <pre class="glow-code"><code><span class="glow-line" data-line="1">...</span>...</code></pre>
 *   </div>
 *
 * Every source line is one block-level `.glow-line`; the gutter is a separate column
 * with one `.glow-ln` per line, so the two must stay the same height line for line.
 */
function renderHtml(tokens, options = {}) {
  const lines = splitLines(tokens);
  const start = Number.isInteger(options.startLine) ? options.startLine : 1;
  const highlighted = parseLineSpec(options.highlightLines);
  const numbered = Boolean(options.lineNumbers);

  const rows = lines.map((line, index) => {
    const number = start + index;
    let inner = line.map(renderToken).join('');
    if (highlighted.has(number)) {
      inner = `<mark class="glow-hl">${inner}</mark>`;
    }
    return `<span class="glow-line" data-line="${number}">${inner}</span>`;
  });

  const classes = ['glow', `glow-theme-${options.theme || 'light'}`];
  if (options.language) {
    classes.push(`glow-lang-${options.language}`);
  }
  if (numbered) {
    classes.push('glow-numbered');
  }

  let gutter = '';
  if (numbered) {
    const numbers = lines.map((line, index) => {
      const number = start + index;
      const cls = highlighted.has(number) ? 'glow-ln glow-ln-hl' : 'glow-ln';
      return `<span class="${cls}">${number}</span>`;
    });
    gutter = `<div class="glow-gutter" aria-hidden="true">${numbers.join('')}</div>`;
  }

  return `<div class="${classes.join(' ')}">${gutter}<pre class="glow-code"><code>${rows.join('')}</code></pre></div>`;
}

module.exports = { renderHtml, renderToken };
