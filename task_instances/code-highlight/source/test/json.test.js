'use strict';

const assert = require('assert');
const { tokenize } = require('../src');
const { significant, joined } = require('./helpers');

describe('json', () => {
  it('marks object keys as properties and values as strings', () => {
    assert.deepStrictEqual(significant(tokenize('{"name": "glow"}', 'json')), [
      ['punctuation', '{'],
      ['property', '"name"'],
      ['punctuation', ':'],
      ['string', '"glow"'],
      ['punctuation', '}'],
    ]);
  });

  it('reads numbers and the literals true, false and null', () => {
    const tokens = significant(tokenize('[-1.5e3, 0, true, false, null]', 'json'));
    assert.deepStrictEqual(tokens.filter(([type]) => type !== 'punctuation'), [
      ['number', '-1.5e3'],
      ['number', '0'],
      ['literal', 'true'],
      ['literal', 'false'],
      ['literal', 'null'],
    ]);
  });

  it('keeps escaped quotes inside a string', () => {
    const tokens = significant(tokenize('{"q": "say \\"hi\\""}', 'json'));
    assert.deepStrictEqual(tokens[3], ['string', '"say \\"hi\\""']);
  });

  it('colours comments of JSONC files', () => {
    const tokens = tokenize('{\n  // editor settings\n  "tabSize": 2\n}', 'jsonc');
    assert.ok(tokens.some((t) => t.type === 'comment' && t.value === '// editor settings'));
  });

  it('loses no characters on invalid input', () => {
    const code = '{"a": tru, \'b\': 01}';
    assert.strictEqual(joined(tokenize(code, 'json')), code);
  });
});
