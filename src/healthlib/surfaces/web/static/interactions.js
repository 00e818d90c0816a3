// Progressive enhancement for /interactions: keep "my medicines" in this browser only
// (localStorage). The list is never sent anywhere except in the address of a check the person
// asks for. Without this file the page works the same, minus the saved list.
(function () {
  "use strict";
  var KEY = "healthlib.myMedicines";
  var MAX = 20;

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(saved) ? saved.filter(function (n) { return typeof n === "string" && n; }).slice(0, MAX) : [];
    } catch (e) {
      return [];
    }
  }

  function store(names) {
    try {
      if (names.length) window.localStorage.setItem(KEY, JSON.stringify(names.slice(0, MAX)));
      else window.localStorage.removeItem(KEY);
      return true;
    } catch (e) {
      return false; // storage blocked (private mode): the page still works
    }
  }

  function checkUrl(names) {
    return "/interactions?" + names.map(function (n) { return "m=" + encodeURIComponent(n); }).join("&");
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text; // text only, never HTML
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  var current = Array.prototype.map.call(document.querySelectorAll("#med-list li[data-name]"),
    function (li) { return li.getAttribute("data-name"); });
  var saved = load();
  var panel = document.getElementById("my-medicines");
  var slot = document.getElementById("save-slot");

  // A list on the page: offer to keep it on this device.
  if (slot && current.length) {
    var same = saved.length === current.length && saved.every(function (n, i) { return n === current[i]; });
    var button = el("button", same ? "Saved on this device" : "Save this list on this device",
                    { type: "button", "class": "link-button", id: "save-list" });
    button.disabled = same;
    button.addEventListener("click", function () {
      if (store(current)) {
        button.textContent = "Saved on this device";
        button.disabled = true;
      }
    });
    slot.appendChild(document.createTextNode(" · "));
    slot.appendChild(button);
  }

  // No list on the page but one saved: offer to check it, or forget it.
  if (panel && !current.length && saved.length) {
    panel.appendChild(el("h2", "My medicines"));
    panel.appendChild(el("p", "Saved in this browser only: " + saved.join(", ") + "."));
    var actions = el("p", "", { "class": "my-actions" });
    actions.appendChild(el("a", "Check my medicines", { href: checkUrl(saved), id: "check-saved", "class": "button-link" }));
    var forget = el("button", "Forget my list", { type: "button", "class": "link-button", id: "forget-list" });
    forget.addEventListener("click", function () {
      store([]);
      panel.hidden = true;
    });
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(forget);
    panel.appendChild(actions);
    panel.hidden = false;
  }
})();
