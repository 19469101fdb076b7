// Regions that scroll sideways (.kring-table-wrapper, .kring-chart__canvas: a wide table or chart on a phone).
// The templates make each focusable (tabindex="0"), so a keyboard user can scroll it. This script names a table's
// region after the table's caption, and takes the tab stop away while the region has nothing to scroll (checked
// again when the window is resized or htmx swaps content in). Without JavaScript every region stays focusable.
(() => {
  let counter = 0;
  const name = (region) => {
    if (region.hasAttribute("aria-label") || region.hasAttribute("aria-labelledby")) return;
    const caption = region.querySelector("caption");
    if (!caption || !caption.textContent.trim()) return;
    if (!caption.id) caption.id = `kring-caption-${++counter}`;
    region.setAttribute("role", "region");
    region.setAttribute("aria-labelledby", caption.id);
  };
  const focusable = (region) => {
    if (region.scrollWidth > region.clientWidth + 1) region.setAttribute("tabindex", "0");
    else if (region !== document.activeElement) region.removeAttribute("tabindex");
  };
  const update = () => {
    document.querySelectorAll(".kring-table-wrapper, .kring-chart__canvas").forEach((region) => {
      name(region);
      focusable(region);
    });
  };
  update();
  window.addEventListener("resize", update);
  document.body.addEventListener("htmx:afterSettle", update);
})();
