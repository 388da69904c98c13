// The playground composer's keyboard and the conversation's scroll-follow. No inline handlers anywhere.

// Enter sends, Shift+Enter makes a new line, Esc asks to stop the running answer (the server decides who may).
// Text over the limit (data-max-chars on the composer) is never sent: it stays in the box, and the component is told
// its length to say so beside it. Sending it would exceed what the circuit accepts and drop the connection.
export function attachComposer(textarea, dotnet) {
  let reported = 0;
  const reportLength = () => {
    const over = overLimit(textarea);
    if (over !== reported) {
      reported = over;
      dotnet.invokeMethodAsync('LengthChecked', over);
    }
    return over;
  };
  const onKeyDown = (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (reportLength() === 0) {
        dotnet.invokeMethodAsync('SendFromKeyboard', textarea.value);
      }
    }
  };
  // Esc stops from anywhere on the page: while an answer streams the box is disabled and cannot hold the focus.
  // An open dialog or menu keeps its own Esc (it closes).
  const onEscape = (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('.mud-dialog, .mud-popover-open:not(.mud-tooltip)')) {
      dotnet.invokeMethodAsync('StopFromKeyboard');
    }
  };
  textarea.addEventListener('keydown', onKeyDown);
  document.addEventListener('keydown', onEscape);
  // Typing is told to the others in the conversation (presence), at most once every two seconds.
  let lastTyped = 0;
  const onInput = () => {
    reportLength();
    const now = Date.now();
    if (now - lastTyped > 2000) {
      lastTyped = now;
      dotnet.invokeMethodAsync('Typed');
    }
  };
  textarea.addEventListener('input', onInput);
  textarea.dataset.ready = 'true'; // tests (and nothing else) wait for this before typing
  return {
    dispose: () => {
      textarea.removeEventListener('keydown', onKeyDown);
      textarea.removeEventListener('input', onInput);
      document.removeEventListener('keydown', onEscape);
    },
  };
}

// The text's length when it is over the composer's limit, else 0.
function overLimit(textarea) {
  const limit = Number(textarea.closest('[data-max-chars]')?.dataset.maxChars || 0);
  return limit > 0 && textarea.value.length > limit ? textarea.value.length : 0;
}

// What the Send button sends: the text, or null (and its length) when it is over the limit.
export function readForSend(textarea) {
  const over = overLimit(textarea);
  return { text: over === 0 ? textarea.value : null, length: textarea.value.length };
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

// Files dropped on the composer, or images pasted into it, go to its file input (issue 10, AC7.1): the same
// InputFile change as the attach button, so every file streams to the server the same way. Nothing when the input
// is disabled (a model that takes no files).
// While the server reads one batch, InputFile must not see another change: it forgets the files it is reading
// (their ids) on every change. Files dropped, pasted or picked meanwhile wait here, and go once the component calls
// batchDone.
export function acceptFiles(box, input) {
  let reading = false;
  let forwarding = false;
  const waiting = [];
  const give = (files) => {
    const transfer = new DataTransfer();
    for (const file of files) {
      transfer.items.add(file);
    }
    reading = true;
    forwarding = true;
    try {
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    } finally {
      forwarding = false;
    }
  };
  const hand = (files) => {
    if (input.disabled || !files || files.length === 0) {
      return false;
    }
    if (reading) {
      waiting.push(...files);
    } else {
      give([...files]);
    }
    return true;
  };
  // The picker's own change: let it through when nothing is being read, else hold its files (before InputFile sees it).
  const onChange = (event) => {
    if (event.target !== input || forwarding) {
      return;
    }
    if (reading) {
      event.stopImmediatePropagation();
      waiting.push(...input.files);
    } else {
      reading = input.files.length > 0;
    }
  };
  const onDragOver = (event) => {
    if (event.dataTransfer?.types?.includes('Files')) {
      event.preventDefault();
      box.classList.add('dragging');
    }
  };
  const onDragLeave = () => box.classList.remove('dragging');
  const onDrop = (event) => {
    box.classList.remove('dragging');
    if (event.dataTransfer?.files?.length) {
      event.preventDefault();
      hand(event.dataTransfer.files);
    }
  };
  const onPaste = (event) => {
    const images = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
    if (images.length > 0 && hand(images)) {
      event.preventDefault();
    }
  };
  box.addEventListener('change', onChange, true);
  box.addEventListener('dragover', onDragOver);
  box.addEventListener('dragleave', onDragLeave);
  box.addEventListener('drop', onDrop);
  box.addEventListener('paste', onPaste);
  box.dataset.filesReady = 'true'; // tests (and nothing else) wait for this before dropping or pasting
  return {
    batchDone: () => {
      reading = false;
      if (waiting.length > 0 && !input.disabled) {
        give(waiting.splice(0));
      } else {
        waiting.length = 0;
      }
    },
    dispose: () => {
      box.removeEventListener('change', onChange, true);
      box.removeEventListener('dragover', onDragOver);
      box.removeEventListener('dragleave', onDragLeave);
      box.removeEventListener('drop', onDrop);
      box.removeEventListener('paste', onPaste);
    },
  };
}
