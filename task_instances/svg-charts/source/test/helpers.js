// Parses the attributes of every <tag .../> or <tag ...> in an SVG string, in document order.
function elements(svg, tag) {
  const pattern = new RegExp(`<${tag}\\b([^>]*?)/?>`, 'g');
  const found = [];
  let match;
  while ((match = pattern.exec(svg)) !== null) {
    const attributes = {};
    match[1].replace(/([\w:-]+)="([^"]*)"/g, (_, key, value) => {
      attributes[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    });
    found.push(attributes);
  }
  return found;
}

module.exports = { elements };
