// Operator pages: times arrive in UTC inside <time datetime="…Z">, labelled "UTC". This rewrites them in the
// browser's time zone, says which zone that is, and gives the search form the zone its dates are meant in.
// No framework, no inline script (the Content-Security-Policy forbids it): loaded with defer.
(function () {
  'use strict';

  var zone = null;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch (e) {
    zone = null;
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  // "2026-11-25 11:02:03", or "11:02:03" for kind "time", in the browser's zone.
  function format(date, kind) {
    var time = pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
    if (kind === 'time') {
      return time;
    }
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' + time;
  }

  function localize(root) {
    if (!zone) {
      return;
    }
    root.querySelectorAll('time[datetime]').forEach(function (element) {
      if (element.dataset.localized) {
        return;
      }
      var utc = element.getAttribute('datetime');
      var date = new Date(utc);
      if (isNaN(date.getTime())) {
        return;
      }
      element.title = utc;
      element.textContent = format(date, element.dataset.format);
      element.dataset.localized = 'true';
    });
  }

  window.IvrLocalTime = { zone: zone, format: format, localize: localize };

  if (!zone) {
    return; // the server's UTC times and labels stay as they are
  }
  localize(document);
  document.querySelectorAll('[data-time-zone]').forEach(function (label) {
    label.textContent = 'your time zone (' + zone + ')';
  });
  document.querySelectorAll('input[data-browser-time-zone]').forEach(function (input) {
    if (!input.value) {
      input.value = zone;
    }
  });
}());
