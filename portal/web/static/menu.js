// The main menu folds away behind one "Menu" button on a narrow screen (a phone on a deurbezoek),
// and is open as a plain list everywhere else or when this script does not run.
(function () {
  "use strict";
  var smal = window.matchMedia("(max-width: 40em)");
  function inrichten() {
    var nav = document.querySelector(".main-nav");
    var knop = nav && nav.querySelector(".menu-knop");
    if (!knop) { return; }
    function zet(open) {
      knop.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("ingeklapt", !open);
    }
    function pas() {
      knop.hidden = !smal.matches;
      zet(!smal.matches);
    }
    knop.addEventListener("click", function () {
      zet(knop.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && smal.matches && knop.getAttribute("aria-expanded") === "true") {
        zet(false);
        knop.focus();
      }
    });
    if (smal.addEventListener) { smal.addEventListener("change", pas); }
    pas();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", inrichten);
  } else {
    inrichten();
  }
})();
