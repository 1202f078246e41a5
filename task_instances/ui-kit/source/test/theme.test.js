'use strict';

const { applyTheme, currentTheme, followSystemTheme } = require('../src/theme');

afterEach(() => {
  document.documentElement.removeAttribute('data-tui-theme');
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '';
  delete window.matchMedia;
});

function fakeMatchMedia(matches) {
  const listeners = [];
  const query = {
    matches,
    addEventListener: (type, fn) => listeners.push(fn),
    removeEventListener: (type, fn) => listeners.splice(listeners.indexOf(fn), 1),
  };
  window.matchMedia = jest.fn(() => query);
  return {
    query,
    listeners,
    change(next) {
      query.matches = next;
      listeners.slice().forEach((fn) => fn());
    },
  };
}

describe('themes', () => {
  test('applyTheme marks the document element by default', () => {
    applyTheme('dark');
    expect(document.documentElement.getAttribute('data-tui-theme')).toBe('dark');
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });

  test('applyTheme can theme a subtree', () => {
    const panel = document.createElement('section');
    expect(applyTheme('dark', panel)).toBe(panel);
    expect(panel.getAttribute('data-tui-theme')).toBe('dark');
    expect(document.documentElement.hasAttribute('data-tui-theme')).toBe(false);
  });

  test('applyTheme rejects an unknown theme', () => {
    expect(() => applyTheme('sepia')).toThrow('unknown theme "sepia"');
  });

  test('currentTheme reads the nearest themed ancestor and defaults to light', () => {
    const outer = document.createElement('div');
    const inner = document.createElement('span');
    outer.appendChild(inner);
    document.body.appendChild(outer);
    expect(currentTheme(inner)).toBe('light');
    applyTheme('dark', outer);
    expect(currentTheme(inner)).toBe('dark');
  });

  test('followSystemTheme tracks prefers-color-scheme until stopped', () => {
    const media = fakeMatchMedia(true);
    const stop = followSystemTheme();
    expect(window.matchMedia).toHaveBeenCalledWith('(prefers-color-scheme: dark)');
    expect(currentTheme()).toBe('dark');
    media.change(false);
    expect(currentTheme()).toBe('light');
    stop();
    media.change(true);
    expect(currentTheme()).toBe('light');
  });

  test('followSystemTheme falls back to light without matchMedia', () => {
    delete window.matchMedia;
    followSystemTheme();
    expect(currentTheme()).toBe('light');
  });
});
