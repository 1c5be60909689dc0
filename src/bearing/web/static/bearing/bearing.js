// Bearing's only script of its own (the Content-Security-Policy allows no inline handlers):
// a <select data-submit-on-change> submits its form when a choice is made.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-submit-on-change") && field.form) {
    field.form.requestSubmit();
  }
});
