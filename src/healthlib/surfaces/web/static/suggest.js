// Progressive enhancement only: fills the search box's <datalist> with names from
// /api/v1/autocomplete as the person types. Without this file, search still works.
(function () {
  "use strict";
  if (!window.fetch) return;
  var boxes = document.querySelectorAll("input[data-suggest]");
  Array.prototype.forEach.call(boxes, function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch("/api/v1/autocomplete?q=" + encodeURIComponent(q.slice(0, 200)), {
          headers: { Accept: "application/json" },
          credentials: "omit"
        })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) {
            if (!data || input.value.trim() !== q) return;
            var seen = {};
            var options = [];
            data.suggestions.forEach(function (s) {
              if (seen[s.name]) return;
              seen[s.name] = true;
              var option = document.createElement("option");
              option.value = s.name; // text only, never HTML
              options.push(option);
            });
            list.replaceChildren.apply(list, options);
          })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  });
})();
