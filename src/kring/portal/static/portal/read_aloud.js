// "Read aloud" on the child's pages: the browser's own speech synthesis reads the page's text in the page's
// language. A static file (the Content-Security-Policy allows no inline script); the button stays hidden when
// the browser cannot speak. aria-pressed tells a screen reader whether it is reading.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var SKIP = "[data-read-aloud-skip], [aria-hidden='true'], script, style, [hidden]";

  function textOf(root) {
    // the visible words of `root`, leaving out the button itself, decoration (the faces) and hidden parts
    var parts = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        if (!parent || parent.closest(SKIP) || !node.nodeValue.trim()) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    while (walker.nextNode()) {
      parts.push(walker.currentNode.nodeValue.trim());
    }
    return parts.join(". ").replace(/\.\s*\./g, ".");
  }

  function voiceFor(lang) {
    var prefix = lang.split("-")[0].toLowerCase();
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().indexOf(prefix) === 0) {
        return voices[i];
      }
    }
    return null;
  }

  function setUp(button) {
    var label = button.querySelector("[data-read-aloud-label]");
    var startText = label ? label.textContent : "";
    var stopText = button.getAttribute("data-label-stop") || startText;

    function show(reading) {
      button.setAttribute("aria-pressed", reading ? "true" : "false");
      if (label) {
        label.textContent = reading ? stopText : startText;
      }
    }

    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") {
        synth.cancel();
        show(false);
        return;
      }
      var target = document.getElementById(button.getAttribute("data-read-aloud")) || document.getElementById("main");
      var text = target ? textOf(target) : "";
      if (!text) {
        return;
      }
      synth.cancel();
      var utterance = new window.SpeechSynthesisUtterance(text);
      var lang = document.documentElement.getAttribute("lang") || "nl";
      utterance.lang = lang;
      var voice = voiceFor(lang);
      if (voice) {
        utterance.voice = voice;
      }
      utterance.rate = 0.9; // a little slower: for children, and for people reading in a second language
      utterance.onend = function () { show(false); };
      utterance.onerror = function () { show(false); };
      show(true);
      synth.speak(utterance);
    });
    button.hidden = false;
  }

  function start() {
    var buttons = document.querySelectorAll("button[data-read-aloud]");
    for (var i = 0; i < buttons.length; i++) {
      setUp(buttons[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // reading stops when the person leaves the page
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
