'use strict';

const { slugify, Slugger } = require('../src/slug');
const { render } = require('../src');
const { openingTags } = require('./support/html');

describe('heading ids', () => {
  describe('slugify', () => {
    it('lower-cases and hyphenates', () => {
      expect(slugify('Getting Started')).toBe('getting-started');
    });

    it('drops punctuation and markup but keeps letters of any script', () => {
      expect(slugify('What\'s <em>new</em> in 1.2?')).toBe('whats-new-in-12');
      expect(slugify('Über straße')).toBe('über-straße');
    });
  });

  describe('Slugger', () => {
    it('numbers repeated slugs', () => {
      const slugger = new Slugger();
      expect(['Usage', 'Usage', 'Usage'].map((t) => slugger.slug(t))).toEqual(['usage', 'usage-1', 'usage-2']);
    });

    it('does not reuse an id that a heading already has', () => {
      const slugger = new Slugger();
      expect(['Usage', 'Usage', 'Usage 1'].map((t) => slugger.slug(t))).toEqual(['usage', 'usage-1', 'usage-1-1']);
    });

    it('gives empty headings a fallback id', () => {
      expect(new Slugger().slug('???')).toBe('section');
    });
  });

  describe('render', () => {
    it('gives every heading a unique id', () => {
      const ids = openingTags(render('# API\n## Options\n# Examples\n## Options'), 'h\\d').map((a) => a.id);
      expect(ids).toEqual(['api', 'options', 'examples', 'options-1']);
    });

    it('starts counting afresh for every document', () => {
      expect(render('# Intro')).toBe(render('# Intro'));
      expect(render('# Intro')).toBe('<h1 id="intro">Intro</h1>');
    });

    it('can leave ids out or add permalinks', () => {
      expect(render('## Hi', { headingIds: false })).toBe('<h2>Hi</h2>');
      expect(render('## Hi', { anchors: true }))
        .toBe('<h2 id="hi"><a class="md-anchor" href="#hi" aria-hidden="true">#</a>Hi</h2>');
    });
  });
});
