// Live progress for an import batch: re-fetch the progress fragment until the batch is done.
(function () {
  "use strict";
  function poll() {
    var box = document.getElementById("batch-progress");
    if (!box || box.dataset.finished === "1") { return; }
    fetch(box.dataset.url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("batch-progress");
        if (next) { box.replaceWith(next); }
        if (next && next.dataset.finished === "1") { window.location.reload(); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
