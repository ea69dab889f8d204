// Review queue keys: v verify, r reject, j/n next, k previous, e edit.
// Every action is an ordinary form or link on the page; without this script they still work.
(function () {
  "use strict";
  var queue = document.querySelector("[data-review-queue]");
  if (!queue) return;
  var items = Array.prototype.slice.call(queue.querySelectorAll(".review-item"));
  if (!items.length) return;
  var current = 0;

  function select(index) {
    if (index < 0 || index >= items.length) return;
    items[current].classList.remove("current");
    current = index;
    items[current].classList.add("current");
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  }

  function act(name) {
    var control = items[current].querySelector('[data-action="' + name + '"]');
    if (!control) return;
    if (control.tagName === "A") {
      window.location.href = control.href;
    } else {
      control.closest("form").requestSubmit(control);
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key.toLowerCase();
    if (key === "j" || key === "n") select(current + 1);
    else if (key === "k") select(current - 1);
    else if (key === "v") act("verify");
    else if (key === "r") act("reject");
    else if (key === "e") act("edit");
    else return;
    event.preventDefault();
  });

  queue.addEventListener("focusin", function (event) {
    var item = event.target.closest(".review-item");
    var index = items.indexOf(item);
    if (index >= 0 && index !== current) {
      items[current].classList.remove("current");
      current = index;
      item.classList.add("current");
    }
  });

  select(0);
})();
