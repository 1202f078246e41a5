'use strict';

/**
 * A cursor over a source string. The tokenizers read the input through it so
 * that every language handles positions, sticky regexes and look-ahead the same way.
 */
class Scanner {
  constructor(source) {
    this.source = source;
    this.pos = 0;
  }

  eof() {
    return this.pos >= this.source.length;
  }

  peek(offset = 0) {
    return this.source.charAt(this.pos + offset);
  }

  startsWith(text) {
    return this.source.startsWith(text, this.pos);
  }

  /** Consume `count` characters and return them. */
  advance(count = 1) {
    const text = this.source.slice(this.pos, this.pos + count);
    this.pos += text.length;
    return text;
  }

  /**
   * Try a sticky regex at the cursor. On a match the cursor moves past it and the
   * matched text is returned, otherwise null and the cursor stays where it was.
   */
  match(re) {
    if (!re.sticky) {
      throw new Error(`Scanner.match needs a sticky (/y) regex, got ${re}`);
    }
    re.lastIndex = this.pos;
    const found = re.exec(this.source);
    if (!found || found[0].length === 0) {
      return null;
    }
    this.pos += found[0].length;
    return found[0];
  }

  /** Like match, but does not move the cursor. */
  test(re) {
    re.lastIndex = this.pos;
    return re.test(this.source);
  }
}

module.exports = { Scanner };
