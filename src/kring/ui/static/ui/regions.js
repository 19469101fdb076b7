// Regions that scroll sideways (.kring-table-wrapper, .kring-chart__canvas: a wide table or chart on a phone).
// The templates make each a named, focusable region ({% scroll_region %}, tabindex="0"), so a keyboard user can
// scroll it. This script only takes the tab stop away while the region has nothing to scroll (checked again
// when the window is resized or htmx swaps content in). Without JavaScript every region stays focusable.
(() => {
  const focusable = (region) => {
    if (region.scrollWidth > region.clientWidth + 1) region.setAttribute("tabindex", "0");
    else if (region !== document.activeElement) region.removeAttribute("tabindex");
  };
  const update = () => document.querySelectorAll(".kring-table-wrapper, .kring-chart__canvas").forEach(focusable);
  update();
  window.addEventListener("resize", update);
  document.body.addEventListener("htmx:afterSettle", update);
})();
