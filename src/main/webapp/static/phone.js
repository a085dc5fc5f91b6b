/*
 * The phone page of a simulated call. Talks to /simulator/api/calls/{id} with fetch and JSON only
 * (Content-Type: application/json on every POST); renders the transcript with textContent, never as HTML.
 * Requests are queued so that keys pressed quickly are sent in order and none is lost.
 */
(function () {
  'use strict';

  var root = document.getElementById('phone');
  if (!root) {
    return;
  }
  var api = root.getAttribute('data-api');
  var transcript = document.getElementById('transcript');
  var stateLine = document.getElementById('call-state');
  var hint = document.getElementById('call-hint');
  var ringing = document.getElementById('ringing-controls');
  var dialControls = document.getElementById('dial-controls');
  var keysSoFar = document.getElementById('keys-so-far');
  var errorLine = document.getElementById('api-error');
  var speakAloud = document.getElementById('speak-aloud');
  var keypad = Array.prototype.slice.call(document.querySelectorAll('[data-key]'));
  var silence = document.getElementById('silence');
  var hangUp = document.getElementById('hang-up');

  var synth = window.speechSynthesis;
  var canSpeak = !!synth && typeof window.SpeechSynthesisUtterance === 'function';
  if (!canSpeak) {
    speakAloud.checked = false;
    speakAloud.disabled = true;
    document.getElementById('speech-unavailable').hidden = false;
  }

  var shown = 0;        // highest event sequence already in the list
  var spokenUpTo = -1;  // highest sequence already spoken; -1 until the first answer (old events stay silent)
  var queue = Promise.resolve();

  var STATES = { 'ringing': 'Ringing…', 'in-progress': 'In progress', 'ended': 'Ended' };
  var HINTS = {
    'answer': 'Your phone is ringing. Answer it to hear the IVR.',
    'keys': 'The IVR is listening: press keys, or stay silent to let the timeout pass.',
    'dial-outcome': 'The IVR is ringing the associate: choose how the associate\'s phone answers.',
    'hang-up': 'This plays until you hang up.',
    'nothing': ''
  };

  function request(method, path, body) {
    var options = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (method === 'POST') {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body || {});
    }
    return fetch(api + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          throw new Error(json.error || ('The simulator answered HTTP ' + response.status + '.'));
        }
        return json;
      });
    });
  }

  function act(path, body) {
    queue = queue.then(function () {
      return request('POST', path, body).then(render);
    }).catch(showError);
    return queue;
  }

  function showError(error) {
    errorLine.textContent = error.message;
    errorLine.hidden = false;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function isWebUrl(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url);
  }

  function time(at) {
    var node = el('time', 'at', at.substring(11, 19));
    node.setAttribute('datetime', at);
    return node;
  }

  function repeatText(repeat) {
    if (repeat === undefined) {
      return '';
    }
    return repeat === 0 ? ' (repeats forever)' : ' (×' + repeat + ')';
  }

  function eventItem(event) {
    var item = el('li', 'event ' + event.kind);
    item.setAttribute('data-seq', event.seq);
    item.appendChild(time(event.at));
    if (event.kind === 'speak') {
      item.appendChild(el('span', 'badge', event.language + ' · ' + event.voice));
      var words = el('q', 'spoken', event.text);
      words.setAttribute('lang', event.language);
      item.appendChild(words);
      if (event.repeat !== undefined) {
        item.appendChild(el('span', 'repeat', repeatText(event.repeat)));
      }
    } else if (event.kind === 'play') {
      item.appendChild(el('span', 'badge', 'audio'));
      if (isWebUrl(event.url)) {
        var audio = el('audio');
        audio.controls = true;
        audio.preload = 'none';
        audio.src = event.url;
        item.appendChild(audio);
      }
      item.appendChild(el('span', 'url', event.url + repeatText(event.repeat)));
    } else {
      item.appendChild(el('span', 'text', event.text));
    }
    if (event.kind === 'error') {
      item.setAttribute('role', 'alert');
    }
    return item;
  }

  function speak(event) {
    if (!canSpeak || !speakAloud.checked) {
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(event.text);
    utterance.lang = event.language;
    synth.speak(utterance);
  }

  function render(call) {
    errorLine.hidden = true;
    var fresh = call.events.filter(function (event) { return event.seq > shown; });
    fresh.forEach(function (event) {
      transcript.appendChild(eventItem(event));
      shown = event.seq;
    });
    if (spokenUpTo < 0) {
      spokenUpTo = call.state === 'ringing' ? 0 : shown;  // a reloaded page does not replay the past
    } else {
      fresh.forEach(function (event) {
        if (event.kind === 'speak' && event.seq > spokenUpTo) {
          speak(event);
        }
      });
      spokenUpTo = shown;
    }
    if (fresh.length > 0) {
      transcript.lastElementChild.scrollIntoView({ block: 'nearest' });
    }

    stateLine.textContent = STATES[call.state] + (call.state === 'ended' && call.endReason ? ': ' + call.endReason : '');
    stateLine.className = 'call-state ' + call.state;
    hint.textContent = HINTS[call.awaiting] || '';
    keysSoFar.textContent = call.keysSoFar;
    ringing.hidden = call.awaiting !== 'answer';
    dialControls.hidden = call.awaiting !== 'dial-outcome';
    var live = call.state === 'in-progress';
    keypad.forEach(function (button) { button.disabled = !live; });
    silence.disabled = call.awaiting !== 'keys';
    hangUp.disabled = call.state === 'ended';
  }

  function interrupt() {
    if (canSpeak) {
      synth.cancel();   // a key stops the prompt, as on a real phone
    }
  }

  keypad.forEach(function (button) {
    button.addEventListener('click', function () {
      interrupt();
      act('/keys', { key: button.getAttribute('data-key') });
    });
  });
  Array.prototype.forEach.call(dialControls.querySelectorAll('[data-outcome]'), function (button) {
    button.addEventListener('click', function () {
      act('/dial', { outcome: button.getAttribute('data-outcome') });
    });
  });
  document.getElementById('answer').addEventListener('click', function () { act('/answer'); });
  document.getElementById('decline').addEventListener('click', function () { act('/decline'); });
  silence.addEventListener('click', function () { interrupt(); act('/silence'); });
  hangUp.addEventListener('click', function () { interrupt(); act('/hangup'); });
  speakAloud.addEventListener('change', function () {
    if (!speakAloud.checked) {
      interrupt();
    }
  });

  queue = request('GET', '').then(render).catch(showError);
}());
