'use strict';

const javascript = require('./javascript');
const json = require('./json');
const css = require('./css');

const registry = new Map();

function register(language) {
  for (const name of [language.name, ...language.aliases]) {
    registry.set(name.toLowerCase(), language);
  }
}

[javascript, json, css].forEach(register);

/** The language for a name or alias (case-insensitive), or an error listing the known ones. */
function getLanguage(name) {
  const language = registry.get(String(name || '').toLowerCase());
  if (!language) {
    throw new Error(`unknown language "${name}" (known: ${listLanguages().join(', ')})`);
  }
  return language;
}

function listLanguages() {
  return [...new Set([...registry.values()].map((language) => language.name))].sort();
}

module.exports = { getLanguage, listLanguages, register };
