// The playground composer's keyboard and the conversation's scroll-follow. No inline handlers anywhere.

// Enter sends, Shift+Enter makes a new line, Esc stops the running answer.
export function attachComposer(textarea, dotnet) {
  const onKeyDown = (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      dotnet.invokeMethodAsync('SendFromKeyboard', textarea.value);
    } else if (event.key === 'Escape') {
      dotnet.invokeMethodAsync('StopFromKeyboard');
    }
  };
  textarea.addEventListener('keydown', onKeyDown);
  textarea.dataset.ready = 'true'; // tests (and nothing else) wait for this before typing
  return { dispose: () => textarea.removeEventListener('keydown', onKeyDown) };
}

export function clear(textarea) {
  textarea.value = '';
  textarea.focus();
}

// Follows the stream to the bottom unless the reader scrolled up to read something.
export function followScroll(container) {
  // Follow the newest text while the reader is at the bottom. "At the bottom" is measured against the content's
  // height before each change, with the scroll position as it is now: a scroll whose event has not fired yet (a
  // jump up to an earlier message, a click that scrolled a button into view) is respected, never undone.
  let height = container.scrollHeight;
  const observer = new MutationObserver(() => {
    const atBottom = height - container.scrollTop - container.clientHeight < 80;
    height = container.scrollHeight;
    if (atBottom) {
      container.scrollTop = height;
    }
  });
  observer.observe(container, { childList: true, subtree: true, characterData: true });
  container.scrollTop = container.scrollHeight;
  height = container.scrollHeight;
  return { dispose: () => observer.disconnect() };
}

export function valueOf(textarea) {
  return textarea.value;
}
