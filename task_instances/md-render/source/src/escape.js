'use strict';

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML element content and double-quoted attribute values. */
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

const SAFE_PROTOCOL = /^(?:https?|mailto|ftp|tel):/i;
const HAS_PROTOCOL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Returns `url` if it is safe to put in an href/src attribute: relative URLs, fragments and the
 * protocols above. Anything else (javascript:, data:, vbscript:, ...) becomes "#".
 */
function safeUrl(url) {
  const trimmed = String(url).trim();
  // Browsers ignore control characters and whitespace inside the scheme ("java\tscript:").
  const squashed = trimmed.replace(/[\u0000-\u0020]/g, '');
  if (HAS_PROTOCOL.test(squashed) && !SAFE_PROTOCOL.test(squashed)) return '#';
  return trimmed;
}

module.exports = { escapeHtml, safeUrl };
