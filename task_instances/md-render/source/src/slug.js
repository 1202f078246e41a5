'use strict';

/**
 * Turns heading text into an id the way GitHub does: lower case, markup and punctuation dropped,
 * spaces to hyphens. A Slugger remembers the ids it has handed out so repeated headings get
 * "-1", "-2", ... suffixes and every id on a page stays unique.
 */
function slugify(text) {
  return String(text)
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z]+;|&#\d+;/gi, '')
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

class Slugger {
  constructor() {
    this.seen = new Map();
  }

  slug(text) {
    const base = slugify(text) || 'section';
    let candidate = base;
    let count = this.seen.get(base) || 0;
    while (this.seen.has(candidate)) {
      count += 1;
      candidate = `${base}-${count}`;
    }
    this.seen.set(base, count);
    this.seen.set(candidate, 0);
    return candidate;
  }

  reset() {
    this.seen.clear();
  }
}

module.exports = { slugify, Slugger };
