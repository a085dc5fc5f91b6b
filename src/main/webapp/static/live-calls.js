// /calls/live: follows /api/calls/events (Server-Sent Events) and keeps the table of calls in progress and the list
// of latest steps current. The browser's EventSource reconnects by itself and sends Last-Event-ID, so the server
// resumes after the last step this page saw. Every text goes in with textContent: nothing from the server is parsed
// as HTML. No framework, no inline script (the Content-Security-Policy forbids it).
(function () {
  'use strict';

  var MAX_STEPS = 50;
  var KEEP_ENDED_MS = 60000;
  var RETRY_REFUSED_MS = 30000;
  var ENDED = { 'completed': true, 'not-answered': true, 'failed': true };

  var main = document.getElementById('live');
  var status = document.getElementById('live-status');
  var calls = document.querySelector('#live-calls tbody');
  var steps = document.getElementById('live-steps');
  var noCalls = document.getElementById('no-live-calls');
  var after = main.dataset.after || '';
  var local = window.IvrLocalTime || { format: function (d) { return d.toISOString(); }, localize: function () {} };

  function say(text, kind) {
    status.textContent = text;
    status.className = 'live-status ' + kind;
  }

  function label(code) {
    return code ? code.replace(/-/g, ' ') : '–';
  }

  function languageName(code) {
    if (!code) {
      return '–';
    }
    try {
      var name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
      return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
    } catch (e) {
      return code;
    }
  }

  function optionName(option) {
    return option === 'message' ? 'recorded message' : (option || '–');
  }

  function time(iso, kind) {
    var element = document.createElement('time');
    element.setAttribute('datetime', iso);
    element.dataset.format = kind;
    element.dataset.localized = 'true';
    element.title = iso;
    element.textContent = local.format(new Date(iso), kind);
    return element;
  }

  function callLink(call) {
    var link = document.createElement('a');
    link.href = main.dataset.callsUrl + encodeURIComponent(call.id);
    link.className = 'call-link';
    link.textContent = call.to;
    return link;
  }

  function rowOf(id) {
    for (var i = 0; i < calls.rows.length; i++) {
      if (calls.rows[i].dataset.callId === id) {
        return calls.rows[i];
      }
    }
    return null;
  }

  function newRow(call) {
    var row = document.createElement('tr');
    row.dataset.callId = call.id;
    var requested = row.insertCell();
    requested.appendChild(time(call.requestedAt, 'time'));
    var number = row.insertCell();
    number.appendChild(callLink(call));
    if (call.simulated) {
      var tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = 'simulated';
      number.appendChild(document.createTextNode(' '));
      number.appendChild(tag);
    }
    ['call-state', 'call-language', 'call-option', 'call-last-step'].forEach(function (name) {
      row.insertCell().className = name;
    });
    calls.insertBefore(row, calls.firstChild);
    return row;
  }

  function showCall(call, step) {
    var row = rowOf(call.id) || newRow(call);
    row.className = 'state-' + call.state;
    row.querySelector('.call-state').textContent = label(call.state);
    row.querySelector('.call-language').textContent = languageName(call.language);
    row.querySelector('.call-option').textContent = optionName(call.option);
    row.querySelector('.call-last-step').textContent = step.words;
    if (ENDED[call.state] && !row.dataset.leaving) {
      row.dataset.leaving = 'true';
      row.classList.add('ended');
      setTimeout(function () {
        row.remove();
        noCalls.hidden = calls.rows.length > 0;
      }, KEEP_ENDED_MS);
    }
    noCalls.hidden = calls.rows.length > 0;
  }

  function showStep(step, call) {
    if (steps.querySelector('li[data-event-id="' + step.id + '"]')) {
      return;
    }
    var item = document.createElement('li');
    item.dataset.eventId = String(step.id);
    item.dataset.callId = step.callId;
    item.appendChild(time(step.at, 'time'));
    item.appendChild(document.createTextNode(' '));
    if (call) {
      item.appendChild(callLink(call));
      item.appendChild(document.createTextNode(' '));
    }
    var words = document.createElement('span');
    words.className = 'step-words';
    words.textContent = step.words;
    item.appendChild(words);
    steps.insertBefore(item, steps.firstChild);
    while (steps.children.length > MAX_STEPS) {
      steps.removeChild(steps.lastChild);
    }
  }

  function connect() {
    var source = new EventSource(main.dataset.eventsUrl + (after ? '?after=' + encodeURIComponent(after) : ''));
    say('Connecting…', 'warn');
    source.onopen = function () {
      say('Live', 'ok');
    };
    source.onmessage = function (message) {
      var data = JSON.parse(message.data);
      if (message.lastEventId) {
        after = message.lastEventId;
      }
      if (data.call) {
        showCall(data.call, data.step);
      }
      showStep(data.step, data.call);
    };
    source.addEventListener('journal', function (message) {
      var data = JSON.parse(message.data);
      if (data.available) {
        say('Live', 'ok');
      } else {
        say(data.message, 'warn');
      }
    });
    source.addEventListener('reset', function () {
      window.location.reload();
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (too many live views open, signed out) or unreachable: the browser gives up; try again later.
        source.close();
        say('Live updates stopped: the server refused or cannot be reached. Trying again in 30 s.', 'error');
        setTimeout(connect, RETRY_REFUSED_MS);
      } else {
        say('Reconnecting…', 'warn');
      }
    };
  }

  local.localize(document);
  connect();
}());
