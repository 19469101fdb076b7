// The Print button is hidden until this script runs: without JavaScript the browser's own print command
// still works, with the same print stylesheet.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
