// Article page: clicking a highlighted figure or quote shows its record in a dialog.
// Without this script the highlight is a plain link to the record's card further down.
(function () {
  "use strict";
  var dialog = document.getElementById("record-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var body = dialog.querySelector(".dialog-body");
  document.addEventListener("click", function (event) {
    var link = event.target.closest("mark.hl a[data-record]");
    if (!link) return;
    var card = document.getElementById(link.getAttribute("data-record"));
    if (!card) return;
    event.preventDefault();
    body.replaceChildren.apply(body, Array.prototype.map.call(card.childNodes, function (node) {
      return node.cloneNode(true);
    }));
    dialog.showModal();
    var first = dialog.querySelector("a, button");
    if (first) first.focus();
  });
  dialog.querySelector("button.close").addEventListener("click", function () { dialog.close(); });
})();
