'use strict';

const { createBadge, setBadgeCount, attachBadge, formatCount } = require('../src/badge');
const { createButton } = require('../src/button');

describe('badges', () => {
  describe('formatCount', () => {
    test('shows counts up to the maximum as they are', () => {
      expect(formatCount(0)).toBe('0');
      expect(formatCount(7)).toBe('7');
      expect(formatCount(99)).toBe('99');
    });

    test('collapses counts above the maximum to "<max>+"', () => {
      expect(formatCount(100)).toBe('99+');
      expect(formatCount(1200, 999)).toBe('999+');
      expect(formatCount(12, 9)).toBe('9+');
    });

    test('rejects negative and non-numeric counts', () => {
      expect(() => formatCount(-1)).toThrow('badge count');
      expect(() => formatCount(NaN)).toThrow('badge count');
    });
  });

  describe('createBadge', () => {
    test('renders the count in a danger badge by default', () => {
      const badge = createBadge({ count: 3 });
      expect(badge.tagName).toBe('SPAN');
      expect(badge.className).toBe('tui-badge tui-badge--danger');
      expect(badge.textContent).toBe('3');
      expect(badge.getAttribute('role')).toBe('status');
      expect(badge.hidden).toBe(false);
    });

    test('uses the variant modifier class', () => {
      expect(createBadge({ count: 1, variant: 'success' }).classList.contains('tui-badge--success')).toBe(true);
      expect(() => createBadge({ count: 1, variant: 'purple' })).toThrow('unknown badge variant');
    });

    test('a dot badge has no text', () => {
      const badge = createBadge({ dot: true });
      expect(badge.textContent).toBe('');
      expect(badge.classList.contains('tui-badge--dot')).toBe(true);
      expect(badge.hidden).toBe(false);
    });

    test('hides a zero count unless showZero is set', () => {
      expect(createBadge({ count: 0 }).hidden).toBe(true);
      expect(createBadge({ count: 0, showZero: true }).hidden).toBe(false);
    });

    test('uses the label for screen readers', () => {
      expect(createBadge({ count: 4, label: '4 unread messages' }).getAttribute('aria-label')).toBe('4 unread messages');
    });

    test('setBadgeCount updates the text and hides the badge at zero', () => {
      const badge = createBadge({ count: 2 });
      setBadgeCount(badge, 150);
      expect(badge.textContent).toBe('99+');
      setBadgeCount(badge, 0);
      expect(badge.hidden).toBe(true);
    });

    test('attachBadge pins the badge to its host', () => {
      const button = createButton({ label: 'Inbox', variant: 'secondary' });
      const badge = createBadge({ count: 5 });
      attachBadge(button, badge);
      expect(button.lastElementChild).toBe(badge);
      expect(button.classList.contains('tui-badge-host')).toBe(true);
      expect(badge.classList.contains('tui-badge--floating')).toBe(true);
    });
  });
});
