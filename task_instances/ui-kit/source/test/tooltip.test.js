'use strict';

const { createTooltip, computePosition } = require('../src/tooltip');
const { createButton } = require('../src/button');
const { resetIds } = require('../src/dom');
const { mockRect, mockSize, press } = require('./helpers');

const ANCHOR = { top: 100, left: 200, width: 80, height: 30 };
const SIZE = { width: 120, height: 28 };

function setup(options) {
  const anchor = createButton({ label: 'Delete', variant: 'danger' });
  document.body.appendChild(anchor);
  mockRect(anchor, ANCHOR);
  const tip = createTooltip(anchor, Object.assign({ text: 'Move to trash' }, options));
  mockSize(tip.element, SIZE.width, SIZE.height);
  return { anchor, tip };
}

beforeEach(() => {
  resetIds();
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('tooltips', () => {
  describe('computePosition', () => {
    test('"top" centres the tooltip above the anchor', () => {
      expect(computePosition(ANCHOR, SIZE, 'top', 8)).toEqual({ top: 100 - 28 - 8, left: 240 - 60 });
    });

    test('"bottom" centres the tooltip below the anchor', () => {
      expect(computePosition(ANCHOR, SIZE, 'bottom', 8)).toEqual({ top: 130 + 8, left: 180 });
    });

    test('"right" puts the tooltip after the anchor, vertically centred', () => {
      expect(computePosition(ANCHOR, SIZE, 'right', 8)).toEqual({ top: 115 - 14, left: 280 + 8 });
    });

    test('uses an 8px gap when no offset is given', () => {
      expect(computePosition(ANCHOR, SIZE, 'bottom')).toEqual({ top: 138, left: 180 });
    });

    test('rejects an unknown placement', () => {
      expect(() => computePosition(ANCHOR, SIZE, 'middle', 8)).toThrow('unknown tooltip placement');
    });
  });

  describe('createTooltip', () => {
    test('creates a hidden role=tooltip element described by the anchor', () => {
      const { anchor, tip } = setup();
      expect(tip.element.getAttribute('role')).toBe('tooltip');
      expect(tip.element.className).toBe('tui-tooltip tui-tooltip--top');
      expect(tip.element.textContent).toBe('Move to trash');
      expect(tip.element.hidden).toBe(true);
      expect(anchor.getAttribute('aria-describedby')).toBe(tip.element.id);
      expect(tip.element.parentNode).toBe(document.body);
    });

    test('show() positions the tooltip with inline styles', () => {
      const { tip } = setup({ placement: 'bottom', trigger: 'manual' });
      tip.show();
      expect(tip.element.hidden).toBe(false);
      expect(tip.element.style.top).toBe('138px');
      expect(tip.element.style.left).toBe('180px');
    });

    test('positions relative to a custom container', () => {
      const stage = document.createElement('div');
      document.body.appendChild(stage);
      mockRect(stage, { top: 50, left: 150, width: 400, height: 200 });
      const anchor = createButton({ label: 'Info' });
      stage.appendChild(anchor);
      mockRect(anchor, ANCHOR);
      const tip = createTooltip(anchor, { text: 'hi', placement: 'right', container: stage, trigger: 'manual' });
      mockSize(tip.element, SIZE.width, SIZE.height);
      tip.show();
      expect(tip.element.parentNode).toBe(stage);
      expect(tip.element.style.top).toBe(`${115 - 14 - 50}px`);
      expect(tip.element.style.left).toBe(`${288 - 150}px`);
    });

    test('shows on hover and focus, hides on leave, blur and Escape', () => {
      const { anchor, tip } = setup();
      anchor.dispatchEvent(new MouseEvent('mouseenter'));
      expect(tip.element.hidden).toBe(false);
      anchor.dispatchEvent(new MouseEvent('mouseleave'));
      expect(tip.element.hidden).toBe(true);
      anchor.focus();
      expect(tip.element.hidden).toBe(false);
      press(anchor, 'Escape');
      expect(tip.element.hidden).toBe(true);
    });

    test('a manual tooltip ignores hover', () => {
      const { anchor, tip } = setup({ trigger: 'manual' });
      anchor.dispatchEvent(new MouseEvent('mouseenter'));
      expect(tip.element.hidden).toBe(true);
    });

    test('destroy removes the tooltip and its wiring', () => {
      const { anchor, tip } = setup();
      tip.destroy();
      expect(tip.element.isConnected).toBe(false);
      expect(anchor.hasAttribute('aria-describedby')).toBe(false);
    });

    test('rejects an unknown placement', () => {
      const anchor = createButton({ label: 'x' });
      expect(() => createTooltip(anchor, { text: 'x', placement: 'center' })).toThrow('unknown tooltip placement');
    });
  });
});
