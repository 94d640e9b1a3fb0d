// Search terms highlighted in record text. A term matches whole words, or word beginnings when it ends in *, without
// regard to case. The result is text nodes and <mark> elements only: record text never goes through innerHTML.

const escape = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// \p{L}\p{N} as word characters, so "β-blocker" or "Müller" are matched as words, not cut at a non-ASCII letter.
function pattern(term) {
  const prefix = term.endsWith('*');
  const words = escape(prefix ? term.slice(0, -1) : term).replace(/\s+/g, '\\s+');
  return `(?<![\\p{L}\\p{N}])${words}${prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`;
}

/** A matcher for the review's terms, or null when there are none. Longer terms are tried first, so "stem cell*" wins over "stem". */
export function matcher(highlights) {
  const terms = [...(highlights?.include ?? []).map(t => [t, 'include']), ...(highlights?.exclude ?? []).map(t => [t, 'exclude'])]
    .filter(([t]) => t.replace('*', '').trim()).sort((a, b) => b[0].length - a[0].length);
  if (!terms.length) return null;
  const regex = new RegExp(terms.map(([t]) => `(${pattern(t)})`).join('|'), 'giu');
  return { regex, kinds: terms.map(([, kind]) => kind) };
}

/** The text as nodes: plain text nodes and <mark class="hl-include|hl-exclude"> around each match. */
export function highlighted(text, m) {
  if (!m || !text) return [document.createTextNode(text ?? '')];
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(m.regex)) {
    if (match.index > at) nodes.push(document.createTextNode(text.slice(at, match.index)));
    const kind = m.kinds[match.slice(1).findIndex(g => g !== undefined)];
    const mark = document.createElement('mark');
    mark.className = `hl-${kind}`;
    mark.title = kind === 'include' ? 'Inclusion term' : 'Exclusion term';
    mark.append(document.createTextNode(match[0]));
    nodes.push(mark);
    at = match.index + match[0].length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}
