// Article page, editors: selecting text in the story fills the add-record form's offsets.
// Without this script the editor pastes the sentence and the server finds it in the text.
(function () {
  "use strict";
  var form = document.getElementById("add-record-form");
  var story = document.querySelector("section.body");
  if (!form || !story || !window.getSelection) return;
  var start = form.elements.start;
  var end = form.elements.end;
  var sentence = form.elements.sentence;
  var status = form.querySelector(".selection-status");

  function paragraph(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    var p = element && element.closest("p[data-start]");
    return p && story.contains(p) ? p : null;
  }

  function offset(p, node, at) {
    var range = document.createRange();
    range.selectNodeContents(p);
    range.setEnd(node, at);
    return Number(p.getAttribute("data-start")) + range.toString().length;
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var first = paragraph(range.startContainer);
    var last = paragraph(range.endContainer);
    if (!first || !last) return;
    var from = offset(first, range.startContainer, range.startOffset);
    var to = offset(last, range.endContainer, range.endOffset);
    if (to <= from) return;
    start.value = from;
    end.value = to;
    sentence.value = range.toString();
    status.textContent = "Selected characters " + from + " to " + to + ".";
  });

  sentence.addEventListener("input", function () {
    start.value = "";
    end.value = "";
    status.textContent = "The sentence will be found in the text.";
  });
})();
