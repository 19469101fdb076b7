// Messages after a write ("The step is marked as done."): focus moves to them when the page loads, so a
// screen reader reads them out and a sighted user finds them, even when the form sat far down the page. Not
// when the page itself asks for focus elsewhere (autofocus) or the address points into the page (#…).
(() => {
  const region = document.getElementById("kring-messages");
  if (!region || window.location.hash || document.querySelector("[autofocus]")) return;
  region.focus();
})();
