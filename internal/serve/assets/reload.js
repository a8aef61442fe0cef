// Aperçu de spaser : recharge la page dès que le site a été reconstruit.
// Ce fichier n'est servi que par « spaser serve » ; le site publié ne le
// contient pas.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="spaser-build"]');
  if (!meta || !window.EventSource) {
    return;
  }
  var shown = meta.getAttribute("content");
  var events = new EventSource("/__spaser/events");
  events.addEventListener("build", function (e) {
    if (e.data !== shown) {
      events.close();
      window.location.reload();
    }
  });
  // Si « spaser serve » est arrêté puis relancé, EventSource se reconnecte
  // de lui-même et la page se recharge à la première construction.
})();
