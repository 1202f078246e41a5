'use strict';

const { getLanguage, listLanguages, register } = require('./languages');
const { renderHtml } = require('./html');
const { THEMES, themeCss, allThemesCss } = require('./themes');
const { TOKEN_TYPES } = require('./tokens');
const { escapeHtml } = require('./escape');

/** Tokens of `code` in `language` (a name or alias such as "js"). */
function tokenize(code, language) {
  return getLanguage(language).tokenize(String(code));
}

/**
 * Highlight `code` and return the HTML markup (see src/html.js for its shape).
 *
 * options.language        "javascript" | "json" | "css" or an alias (default "javascript")
 * options.theme           "light" | "dark" (default "light"): the class the theme CSS hooks onto
 * options.lineNumbers     show a gutter with line numbers
 * options.startLine       number of the first line (default 1)
 * options.highlightLines  lines to highlight: [2, 4], "2,4-6"
 */
function highlight(code, options = {}) {
  const language = getLanguage(options.language || 'javascript');
  const theme = options.theme || 'light';
  if (!THEMES.includes(theme)) {
    throw new Error(`unknown theme "${theme}" (known: ${THEMES.join(', ')})`);
  }
  // one trailing newline is the end of the last line, not an empty line of its own
  const source = String(code).replace(/\r\n?/g, '\n').replace(/\n$/, '');
  return renderHtml(language.tokenize(source), {
    language: language.name,
    theme,
    lineNumbers: options.lineNumbers,
    startLine: options.startLine,
    highlightLines: options.highlightLines,
  });
}

module.exports = {
  highlight,
  tokenize,
  themeCss,
  allThemesCss,
  listLanguages,
  registerLanguage: register,
  escapeHtml,
  THEMES,
  TOKEN_TYPES,
  version: '0.9.2',
};
