/* The till, quicker where the browser allows: an on-screen keypad for the amount,
   scanning the card's QR code, and payments that survive a dropping connection.
   Without this script the forms are plain posts and work the same. */
(function () {
  "use strict";

  // Waits before each new try when the network fails; the same key every time,
  // so the exchange moves the money once however many tries reach it.
  var RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];
  var DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
  var scanning = null; // the camera, while it looks for a card's QR code

  function start() {
    document.querySelectorAll("form[data-till-form]").forEach(sendWithRetries);
    document.querySelectorAll("input[data-keypad]").forEach(addKeypad);
    offerScanning();
  }

  function sendWithRetries(form) {
    form.addEventListener("submit", function (event) {
      var button = form.querySelector("button[type=submit]");
      if (form.dataset.sending) {
        event.preventDefault();
        return;
      }
      form.dataset.sending = "yes";
      button.disabled = true;
      if (!window.fetch || !window.URLSearchParams || !window.DOMParser) return; // a plain post
      event.preventDefault();
      send(form, new URLSearchParams(new FormData(form)), 0);
    });
  }

  function send(form, body, attempt) {
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        // A failing server may or may not have paid: asking again with the key is safe.
        if (response.status >= 500) throw new Error("the till's server failed");
        if ((response.headers.get("Content-Type") || "").indexOf("text/html") === -1) {
          form.submit(); // not a page: let the browser show what the server says
          return null;
        }
        return response.text();
      })
      .then(function (html) { if (html !== null) showPage(html); })
      .catch(function () {
        if (attempt < RETRY_DELAYS_MS.length) {
          tell(form.dataset.retrying);
          setTimeout(function () { send(form, body, attempt + 1); }, RETRY_DELAYS_MS[attempt]);
        } else {
          tell(form.dataset.offline);
          delete form.dataset.sending;
          form.querySelector("button[type=submit]").disabled = false;
        }
      });
  }

  function showPage(html) {
    stopScanning();
    var page = new DOMParser().parseFromString(html, "text/html");
    document.title = page.title;
    document.body.replaceWith(document.adoptNode(page.body));
    start();
    // The field to fill next (the PIN after a wrong one); notices speak up by their role.
    var next = document.querySelector("[autofocus]");
    if (next) next.focus();
  }

  function tell(text) {
    var status = document.getElementById("till-status");
    status.textContent = text;
    status.hidden = false;
  }

  function addKeypad(input) {
    var keypad = document.createElement("div");
    keypad.className = "keypad";
    var decimal = input.dataset.decimal || ",";
    DIGITS.concat([decimal, "0", "⌫"]).forEach(function (key) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = key;
      if (key === "⌫") button.setAttribute("aria-label", input.dataset.delete);
      button.addEventListener("click", function () { press(input, key); });
      keypad.appendChild(button);
    });
    input.insertAdjacentElement("afterend", keypad);
    input.setAttribute("inputmode", "none"); // the keypad, not the phone's keyboard
  }

  function press(input, key) {
    var value = input.value;
    if (key === "⌫") {
      input.value = value.slice(0, -1);
      return;
    }
    var decimals = value.split(/[.,]/)[1];
    var isDecimal = key === "," || key === ".";
    if (isDecimal && /[.,]/.test(value)) return;
    if (isDecimal && value === "") value = "0";
    if (decimals !== undefined && decimals.length >= 2) return;
    input.value = value + key;
  }

  function offerScanning() {
    var button = document.getElementById("scan");
    if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
        !navigator.mediaDevices.getUserMedia) {
      return; // typing the number still works
    }
    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) return;
      button.hidden = false;
      button.dataset.scan = button.textContent;
      button.addEventListener("click", function () {
        if (scanning) stopScanning(); else startScanning(button);
      });
    });
  }

  function startScanning(button) {
    var video = document.getElementById("scanner");
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        scanning = { stream: stream, button: button, video: video };
        video.srcObject = stream;
        video.hidden = false;
        button.textContent = button.dataset.stop;
        return video.play().then(function () { look(detector, video); });
      })
      .catch(stopScanning);
  }

  function look(detector, video) {
    if (!scanning) return;
    detector.detect(video).then(function (codes) {
      var number = codes.length ? codes[0].rawValue.replace(/\D/g, "") : "";
      if (number) {
        document.getElementById("card_number").value = number;
        stopScanning();
        document.getElementById("amount").focus();
      } else {
        setTimeout(function () { look(detector, video); }, 250);
      }
    }, function () { setTimeout(function () { look(detector, video); }, 250); });
  }

  function stopScanning() {
    if (!scanning) return;
    scanning.stream.getTracks().forEach(function (track) { track.stop(); });
    scanning.video.hidden = true;
    scanning.button.textContent = scanning.button.dataset.scan;
    scanning = null;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
