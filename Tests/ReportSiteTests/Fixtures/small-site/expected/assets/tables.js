// perfsite's issue tables, enhanced when script runs (every page reads and works without it): a box filters the
// rows by text, menus by state, priority and component, and a header sorts. The filter lives in the URL's
// fragment (#q=upload&state=open&priority=P1&component=Job%20Queue&sort=-filed), so a filtered view can be linked.
// On the issue index a filter searches every issue, page or not, through data/index/ (loaded over http only:
// opened from disk, it filters the rows of the page, and says so).
(function () {
  "use strict";
  if (window.perfsiteTables) return;
  window.perfsiteTables = true;

  var COLUMNS = ["number", "title", "state", "priority", "effort", "components", "layer", "filed", "gap"];
  var PRIORITIES = { P0: 0, P1: 1, P2: 2, P3: 3 };
  var LIMIT = 1000;  // rows a filter over every issue lists at most

  function text(cell) { return (cell && cell.textContent || "").trim(); }

  function readFragment() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    return { q: params.get("q") || "", state: params.get("state") || "", priority: params.get("priority") || "",
      component: params.get("component") || "", sort: params.get("sort") || "" };
  }

  function writeFragment(filter) {
    var params = new URLSearchParams();
    ["q", "state", "priority", "component", "sort"].forEach(function (key) { if (filter[key]) params.set(key, filter[key]); });
    var fragment = params.toString();
    history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
  }

  function sortKey(row, column) {
    var value = text(row.cells[COLUMNS.indexOf(column)]);
    if (column === "number") return parseInt(value, 10) || 0;
    if (column === "gap") { var gap = parseFloat(value); return isNaN(gap) ? -1 : gap; }
    if (column === "priority") return value in PRIORITIES ? PRIORITIES[value] : 9;
    return value.toLowerCase();
  }

  function option(select, value, label) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    select.appendChild(element);
  }

  function menu(form, name, label, values) {
    var wrapper = document.createElement("label");
    wrapper.textContent = label + " ";
    var select = document.createElement("select");
    select.name = name;
    option(select, "", "any");
    values.forEach(function (value) { option(select, value, value); });
    wrapper.appendChild(select);
    form.appendChild(wrapper);
    return select;
  }

  function enhance(table, index) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var pageRows = rows.slice();
    var original = pageRows;
    var region = table.closest(".scroll") || table;
    var form = document.createElement("form");
    form.className = "table-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter these issues");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var box = document.createElement("label");
    box.textContent = "Filter ";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "words in any column";
    box.appendChild(input);
    form.appendChild(box);
    var components = {};
    rows.forEach(function (row) {
      text(row.cells[5]).split(",").forEach(function (name) { name = name.trim(); if (name) components[name] = true; });
    });
    var state = menu(form, "state", "State", ["open", "closed"]);
    var priority = menu(form, "priority", "Priority", ["P0", "P1", "P2", "P3", "none"]);
    var component = menu(form, "component", "Component", Object.keys(components).sort());
    var count = document.createElement("output");
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);
    region.parentNode.insertBefore(form, region);
    var paged = !!document.querySelector(".pager");
    var holder = table.closest("[data-issue-index]");
    var index = null;  // every issue, once loaded: {rows, components, layers}
    var indexFailed = location.protocol === "file:";  // browsers refuse fetch from file://
    var pager = document.querySelector(".pager");

    function loadIndex(done) {
      if (index || indexFailed) return done();
      var base = holder.getAttribute("data-issue-index");
      fetch(base + "manifest.json").then(function (response) { return response.json(); }).then(function (manifest) {
        return Promise.all(manifest.shards.map(function (name) {
          return fetch(base + name).then(function (response) { return response.json(); });
        })).then(function (shards) {
          index = { rows: [].concat.apply([], shards), components: manifest.components, layers: manifest.layers };
        });
      }).catch(function () { indexFailed = true; }).then(done);
    }

    function cell(row, content, className) {
      var td = row.insertCell();
      if (className) td.className = className;
      if (content) td.appendChild(content);
      return td;
    }
    function link(href, label) { var a = document.createElement("a"); a.href = href; a.textContent = label; return a; }
    function span(className, label) { var s = document.createElement("span"); s.className = className; s.textContent = label; return s; }

    // A row of the index as the default row template draws it; its cells read as the page's own rows do.
    function indexRow(data) {
      var row = document.createElement("tr");
      var page = data[9];
      cell(row, link(page, String(data[0])), "num");
      cell(row, link(page, data[1]));
      cell(row, span("state state-" + data[2], data[2]));
      cell(row, data[3] ? span("priority priority-" + data[3].toLowerCase(), data[3]) : span("none", "none"));
      cell(row, document.createTextNode(data[4] || "–"));
      cell(row, document.createTextNode(data[5].map(function (i) { return index.components[i]; }).join(", ") || "–"));
      cell(row, document.createTextNode(data[6].map(function (i) { return index.layers[i]; }).join(", ") || "–"));
      cell(row, document.createTextNode(data[7] || "–"), "date");
      cell(row, document.createTextNode(data[8] || "–"), "num");
      return row;
    }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () {
        var filter = readFragment();
        var name = COLUMNS[column];
        filter.sort = filter.sort === name ? "-" + name : name;
        writeFragment(filter);
        apply();
      });
    });

    function apply() {
      var filter = readFragment();
      var active = filter.q || filter.state || filter.priority || filter.component;
      if (holder && paged && active && !indexFailed) {
        if (!index) return loadIndex(apply);
        return applyIndex(filter);
      } else if (original !== pageRows) {
        original = pageRows;  // back from every issue (or from null after it) to the page
        if (pager) pager.hidden = false;
        while (body.firstChild) body.removeChild(body.firstChild);
      }
      input.value = filter.q; state.value = filter.state; priority.value = filter.priority;
      component.value = filter.component;
      var words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      var ordered = original.slice();
      if (filter.sort) {
        var descending = filter.sort.charAt(0) === "-";
        var column = filter.sort.replace(/^-/, "");
        if (COLUMNS.indexOf(column) >= 0) {
          ordered.sort(function (a, b) {
            var x = sortKey(a, column), y = sortKey(b, column);
            return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
          });
        }
        headers.forEach(function (header, index) {
          if (COLUMNS[index] === column) header.setAttribute("aria-sort", descending ? "descending" : "ascending");
          else header.removeAttribute("aria-sort");
        });
      }
      ordered.forEach(function (row) {
        var line = row.textContent.toLowerCase();
        var visible = words.every(function (word) { return line.indexOf(word) >= 0; })
          && (!filter.state || text(row.cells[2]) === filter.state)
          && (!filter.priority || text(row.cells[3]) === filter.priority)
          && (!filter.component || text(row.cells[5]).split(",").map(function (s) { return s.trim(); }).indexOf(filter.component) >= 0);
        row.hidden = !visible;
        if (visible) shown += 1;
        body.appendChild(row);
      });
      count.textContent = shown + " of " + original.length + " shown"
        + (paged ? " on this page" + (indexFailed ? " (opened from disk: every issue is searched over http)" : "") : "");
    }

    // Every issue: the index's rows are filtered and sorted as data, and rows are built for the first matches
    // only, so that a filter over 100,000 issues builds a page's worth of rows, not 100,000.
    function applyIndex(filter) {
      input.value = filter.q; state.value = filter.state; priority.value = filter.priority;
      component.value = filter.component;
      if (!index.text) {
        index.text = index.rows.map(function (data) {
          return [data[0], data[1], data[2], data[3] || "none", data[4],
            data[5].map(function (i) { return index.components[i]; }).join(", "),
            data[6].map(function (i) { return index.layers[i]; }).join(", "), data[7], data[8]].join(" ").toLowerCase();
        });
      }
      var words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = filter.component ? index.components.indexOf(filter.component) : -1;
      var matches = [];
      index.rows.forEach(function (data, position) {
        var line = index.text[position];
        if (words.every(function (word) { return line.indexOf(word) >= 0; })
          && (!filter.state || data[2] === filter.state)
          && (!filter.priority || (data[3] || "none") === filter.priority)
          && (!filter.component || data[5].indexOf(wanted) >= 0)) matches.push(data);
      });
      var column = filter.sort.replace(/^-/, "");
      var descending = filter.sort.charAt(0) === "-";
      var field = { number: 0, title: 1, state: 2, priority: 3, effort: 4, filed: 7, gap: 8 }[column];
      if (field !== undefined) {
        matches.sort(function (a, b) {
          var x = a[field], y = b[field];
          if (column === "priority") { x = x in PRIORITIES ? PRIORITIES[x] : 9; y = y in PRIORITIES ? PRIORITIES[y] : 9; }
          if (column === "gap") { x = parseFloat(x) || -1; y = parseFloat(y) || -1; }
          if (typeof x === "string") { x = x.toLowerCase(); y = y.toLowerCase(); }
          return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
        });
      }
      headers.forEach(function (header, position) {
        if (field !== undefined && COLUMNS[position] === column) header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        else header.removeAttribute("aria-sort");
      });
      original = null;
      while (body.firstChild) body.removeChild(body.firstChild);
      matches.slice(0, LIMIT).forEach(function (data) { body.appendChild(indexRow(data)); });
      if (pager) pager.hidden = true;
      count.textContent = matches.length + " of " + index.rows.length + " shown (every issue)"
        + (matches.length > LIMIT ? "; the first " + LIMIT + " are listed: narrow the filter" : "");
    }

    function changed() {
      var filter = readFragment();
      filter.q = input.value.trim(); filter.state = state.value; filter.priority = priority.value;
      filter.component = component.value;
      writeFragment(filter);
      apply();
    }
    [input, state, priority, component].forEach(function (control) {
      control.addEventListener(control === input ? "input" : "change", changed);
    });
    window.addEventListener("hashchange", apply);
    apply();
  }

  function start() { Array.prototype.slice.call(document.querySelectorAll("table.issues")).forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
