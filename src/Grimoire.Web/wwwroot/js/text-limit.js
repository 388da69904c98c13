// Keeps text over a field's limit in its box and away from the circuit (issue 17 item 7). The field is the textarea
// or input inside the element carrying data-max-chars (a MudTextField sends its whole value on every input). While the
// text is too long its input and change events stop here, before Blazor's handler on the document sees them, so the
// over-long value never crosses the connection (which would drop it and lose the text); the component is told the
// length instead and says so beside the field. Once the text fits again, events flow as before.
export function guardLength(container, dotnet) {
  const field = container.querySelector('textarea, input');
  if (!field) {
    return { dispose: () => {} };
  }

  let reported = 0;
  const check = (event) => {
    const limit = Number(container.dataset.maxChars || 0);
    const over = limit > 0 && field.value.length > limit ? field.value.length : 0;
    if (over > 0) {
      event.stopImmediatePropagation();
    }
    if (over !== reported) {
      reported = over;
      dotnet.invokeMethodAsync('LengthChecked', over);
    }
  };
  field.addEventListener('input', check);
  field.addEventListener('change', check);
  container.dataset.guarded = 'true'; // tests wait for this before pasting
  return {
    dispose: () => {
      field.removeEventListener('input', check);
      field.removeEventListener('change', check);
    },
  };
}
