// Bearing's only script of its own (the Content-Security-Policy allows no inline handlers):
// a <select data-submit-on-change> submits its form when a choice is made, and a field
// marked data-select-on-focus (a new API token) selects its text for copying.
document.addEventListener("focusin", (event) => {
  const field = event.target;
  if (field instanceof HTMLInputElement && field.hasAttribute("data-select-on-focus")) {
    field.select();
  }
});
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-submit-on-change") && field.form) {
    field.form.requestSubmit();
  }
});
