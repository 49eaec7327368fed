// perfsite's search page: Pagefind's UI over the index perfsite had Pagefind write into pagefind/. Pagefind loads
// its index with fetch, which browsers refuse from file://: there the page says so instead.
(function () {
  var box = document.getElementById("search");
  if (!box) return;
  var unavailable = document.getElementById("search-unavailable");
  if (location.protocol === "file:") {
    unavailable.hidden = false;
    return;
  }
  // Pagefind imports its modules from the bundle's URL, which must be absolute.
  var bundle = new URL(box.getAttribute("data-bundle"), location.href).href;
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle + "pagefind-ui.css";
  document.head.appendChild(style);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    new PagefindUI({ element: "#search", bundlePath: bundle, showSubResults: false, showImages: false,
      processResult: function (result) {
        var meta = result.meta || {};
        // The title already starts with the number; the state and priority follow it.
        if (meta.state) meta.title = (meta.title || "") + " (" + [meta.state, meta.priority].filter(Boolean).join(", ") + ")";
        return result;
      } });
  };
  script.onerror = function () {
    unavailable.textContent = "The search index is missing: build the site with Pagefind installed (pip install pagefind-bin).";
    unavailable.hidden = false;
  };
  document.head.appendChild(script);
})();
