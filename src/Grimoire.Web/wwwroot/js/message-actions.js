// Clipboard and code-block copy buttons for message cards. Loaded as an ES module by BrowserClipboard.
// No inline handlers: the copy buttons in rendered Markdown are found by one delegated click listener.

const feedbackMs = 1500;
let codeCopyEnabled = false;

/** Copies text exactly as given; resolves to false when the browser refuses. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission denied or document not focused: try the legacy path below.
    }
  }
  return legacyCopy(text);
}

function legacyCopy(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

async function onDocumentClick(event) {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy-code]') : null;
  if (!button) {
    return;
  }
  const code = button.closest('.md-code-block')?.querySelector('pre code, pre');
  if (!code) {
    return;
  }
  const copied = await copyText(code.textContent ?? '');
  button.textContent = copied ? 'Copied' : 'Copy failed';
  button.dataset.state = copied ? 'copied' : 'failed';
  setTimeout(() => {
    button.textContent = 'Copy';
    delete button.dataset.state;
  }, feedbackMs);
}

/** Installs the delegated click listener once per page. */
export function enableCodeCopyButtons() {
  if (codeCopyEnabled) {
    return;
  }
  codeCopyEnabled = true;
  document.addEventListener('click', onDocumentClick);
}
