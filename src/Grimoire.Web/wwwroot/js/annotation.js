// The annotation page's browser half (issue 11). Offsets are UTF-16 code units into the document's text: every text
// node under the document root, in document order (what root.textContent returns). The server counts the same way
// (Grimoire.Core.Annotation.Snapshot.DocumentHtml.TextOf); tests over fixtures check both agree.

export function textOf(root) {
  return root.textContent;
}

// The offset of a boundary point (node, offset) within root's text.
function offsetOf(root, node, offset) {
  const before = document.createRange();
  before.selectNodeContents(root);
  before.setEnd(node, offset);
  return before.toString().length;
}

export function offsetsOfRange(root, range) {
  const start = offsetOf(root, range.startContainer, range.startOffset);
  const end = offsetOf(root, range.endContainer, range.endOffset);
  return { start, end, quote: root.textContent.slice(start, end) };
}

export function rangeFor(root, start, end) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (!started && start <= seen + length) {
      range.setStart(node, start - seen);
      started = true;
    }
    if (started && end <= seen + length) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}

export function quoteAt(root, start, end) {
  const range = rangeFor(root, start, end);
  return range ? range.toString() : null;
}

const sheets = new WeakMap();

// Draws highlights without touching the DOM (CSS Custom Highlight API), one highlight registry entry per tag.
// Where the API is missing, wraps the text in <mark> elements instead.
export function paint(root, highlights, tags) {
  if (window.CSS && CSS.highlights && window.Highlight) {
    for (const name of [...CSS.highlights.keys()]) {
      if (name.startsWith('grimoire-')) CSS.highlights.delete(name);
    }
    let rules = '';
    tags.forEach((tag, index) => {
      const ranges = highlights.filter(h => h.tagId === tag.id).map(h => rangeFor(root, h.start, h.end)).filter(r => r);
      const name = `grimoire-${index}`;
      CSS.highlights.set(name, new Highlight(...ranges));
      rules += `::highlight(${name}) { background-color: ${tag.colour}55; text-decoration: underline ${tag.colour}; }\n`;
    });
    let sheet = sheets.get(document);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      sheets.set(document, sheet);
    }
    sheet.replaceSync(rules);
    root.dataset.painted = String(highlights.length);
    root.dataset.paintMode = 'highlight-api';
    return;
  }
  for (const mark of root.querySelectorAll('mark.grimoire-mark')) {
    mark.replaceWith(...mark.childNodes);
  }
  root.normalize();
  const colours = new Map(tags.map(t => [t.id, t.colour]));
  for (const h of [...highlights].sort((a, b) => b.start - a.start)) {
    const range = rangeFor(root, h.start, h.end);
    if (!range) continue;
    const walker = document.createTreeWalker(range.commonAncestorContainer.nodeType === 3
      ? range.commonAncestorContainer.parentNode : range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (range.intersectsNode(n)) nodes.push(n);
    for (const node of nodes) {
      const s = node === range.startContainer ? range.startOffset : 0;
      const e = node === range.endContainer ? range.endOffset : node.data.length;
      if (e <= s) continue;
      const piece = document.createRange();
      piece.setStart(node, s);
      piece.setEnd(node, e);
      const mark = document.createElement('mark');
      mark.className = 'grimoire-mark';
      mark.style.backgroundColor = (colours.get(h.tagId) || '#ffeb3b') + '55';
      piece.surroundContents(mark);
    }
  }
  root.dataset.painted = String(highlights.length);
  root.dataset.paintMode = 'mark';
}

// Watches selections inside root and keys 1-9 while one is pending; tells the component.
export function attach(root, dotnet) {
  let pending = false;
  const report = () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer)) {
      return;
    }
    const { start, end, quote } = offsetsOfRange(root, range);
    if (end <= start || quote.trim().length === 0) {
      return;
    }
    const rect = range.getBoundingClientRect();
    pending = true;
    dotnet.invokeMethodAsync('Selected', start, end, quote, rect.left + window.scrollX, rect.bottom + window.scrollY);
  };
  const onKey = (event) => {
    const target = event.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
    if (pending && event.key >= '1' && event.key <= '9') {
      event.preventDefault();
      dotnet.invokeMethodAsync('TagShortcut', Number(event.key) - 1);
    } else if (event.key === 'Escape') {
      pending = false;
      dotnet.invokeMethodAsync('SelectionCleared');
    }
  };
  const onUp = () => setTimeout(report, 0);
  root.addEventListener('mouseup', onUp);
  root.addEventListener('keyup', onUp);
  document.addEventListener('keydown', onKey);
  root.dataset.attached = 'true';
  return {
    done: () => { pending = false; document.getSelection()?.removeAllRanges(); },
    dispose: () => {
      root.removeEventListener('mouseup', onUp);
      root.removeEventListener('keyup', onUp);
      document.removeEventListener('keydown', onKey);
    },
  };
}

export function reveal(root, start, end) {
  const range = rangeFor(root, start, end);
  if (!range) return false;
  const element = range.startContainer.nodeType === 3 ? range.startContainer.parentElement : range.startContainer;
  element.closest('details')?.setAttribute('open', '');
  element.scrollIntoView({ block: 'center' });
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}
