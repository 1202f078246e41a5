'use strict';

const fs = require('fs');
const path = require('path');
const { render } = require('../src');

// Every spec/fixtures/<name>.md must render exactly to spec/fixtures/<name>.html.
const FIXTURES = path.join(__dirname, 'fixtures');

describe('fixtures', () => {
  const names = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).sort();

  it('come in .md / .html pairs', () => {
    const missing = names.filter((name) => !fs.existsSync(path.join(FIXTURES, name.replace(/\.md$/, '.html'))));
    expect(missing).toEqual([]);
  });

  for (const name of names) {
    const expected = name.replace(/\.md$/, '.html');
    it(`${name} renders to ${expected}`, () => {
      const markdown = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      const html = fs.readFileSync(path.join(FIXTURES, expected), 'utf8');
      expect(render(markdown)).toBe(html.replace(/\n$/, ''));
    });
  }
});
