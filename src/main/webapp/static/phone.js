/*
 * The phone page of a simulated call. Talks to /simulator/api/calls/{id} with fetch and JSON only
 * (Content-Type: application/json on every POST); renders the transcript with textContent, never as HTML.
 *
 * The call runs on the server, in real time: a button only queues an action (the server answers 202 at once), and
 * the page polls GET ?since=<last event> twice a second while the call is live to see what happened. Actions are
 * sent one after the other, so keys pressed quickly arrive in order. Between polls the call clock and the countdown
 * of the current wait tick locally.
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
  var callClock = document.getElementById('call-clock');
  var hint = document.getElementById('call-hint');
  var countdown = document.getElementById('countdown');
  var countdownWhat = document.getElementById('countdown-what');
  var countdownLeft = document.getElementById('countdown-left');
  var ringing = document.getElementById('ringing-controls');
  var dialControls = document.getElementById('dial-controls');
  var keysSoFar = document.getElementById('keys-so-far');
  var errorLine = document.getElementById('api-error');
  var soundOn = document.getElementById('speak-aloud');
  var keypad = Array.prototype.slice.call(document.querySelectorAll('[data-key]'));
  var fastForward = document.getElementById('fast-forward');
  var hangUp = document.getElementById('hang-up');

  var POLL_MS = 500;
  var synth = window.speechSynthesis;
  var canSpeak = !!synth && typeof window.SpeechSynthesisUtterance === 'function';
  if (!canSpeak) {
    document.getElementById('speech-unavailable').hidden = false;
  }

  var shown = 0;          // highest event number already in the list
  var firstRender = true; // a reloaded page shows the past but does not replay it aloud
  var live = true;
  var actions = Promise.resolve();
  var pollTimer = null;
  var ticking = null;     // { endsAt, elapsedFrom } in this browser's clock, for the local tick
  var reported = {};      // audio events whose length was sent to the server

  var STATES = { 'ringing': 'Ringing…', 'in-progress': 'In progress', 'ended': 'Ended' };
  var HINTS = {
    'answer': 'Your phone is ringing. Answer it to hear the IVR.',
    'keys': 'The IVR is listening: press keys, or stay silent and let the timeout pass.',
    'dial-outcome': 'The IVR is ringing the associate: choose how the associate\'s phone answers, or let it ring.',
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
      var type = response.headers.get('Content-Type') || '';
      if (type.indexOf('application/json') !== 0) {   // e.g. a login page: the session has ended
        var lost = new Error('The simulator did not answer (HTTP ' + response.status + '). If you were signed out,'
            + ' reload the page to sign in again.');
        lost.status = response.status;
        throw lost;
      }
      return response.json().then(function (json) {
        if (!response.ok) {
          var error = new Error(json.error || ('The simulator answered HTTP ' + response.status + '.'));
          error.status = response.status;
          throw error;
        }
        return json;
      });
    });
  }

  /** Queues an action after the ones before it; the call itself is seen by the next poll. */
  function act(path, body) {
    actions = actions.then(function () {
      return request('POST', path + '?since=' + shown, body).then(function (call) {
        render(call);
        poll(0);
      }).catch(function (error) {
        if (error.status === 409) {   // the call ended meanwhile: nothing to report, the poll shows it
          poll(0);
          return;
        }
        showError(error);
      });
    });
    return actions;
  }

  function poll(delay) {
    if (pollTimer !== null) {
      window.clearTimeout(pollTimer);
    }
    pollTimer = window.setTimeout(function () {
      pollTimer = null;
      request('GET', '?since=' + shown).then(function (call) {
        render(call);
        if (live) {
          poll(POLL_MS);
        }
      }).catch(function (error) {
        showError(error);
        if (live && error.status !== 404) {
          poll(POLL_MS * 4);
        }
      });
    }, delay);
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

  function seconds(ms) {
    return ms < 10000 && ms % 1000 !== 0 ? (ms / 1000).toFixed(1) + ' s' : Math.round(ms / 1000) + ' s';
  }

  function clock(ms) {
    var s = Math.floor(ms / 1000);
    var m = Math.floor(s / 60);
    return m + ':' + (s % 60 < 10 ? '0' : '') + (s % 60);
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
        item.appendChild(player(event));
      }
      item.appendChild(el('span', 'url', event.url + repeatText(event.repeat)));
    } else {
      item.appendChild(el('span', 'text', event.text));
    }
    if (event.durationMs !== undefined && event.kind !== 'wait') {
      item.appendChild(el('span', 'length', seconds(event.durationMs)));
    }
    if (event.kind === 'error') {
      item.setAttribute('role', 'alert');
    }
    return item;
  }

  /**
   * The recording, in the browser's own player. The simulator cannot measure audio on other servers; the browser
   * can: once it knows the length, the page tells the simulator, which then ends the Play when it really ends.
   */
  function player(event) {
    var audio = el('audio');
    audio.controls = true;
    audio.preload = 'metadata';
    audio.src = event.url;
    audio.setAttribute('data-seq', event.seq);
    audio.addEventListener('loadedmetadata', function () {
      if (live && !reported[event.seq] && isFinite(audio.duration) && audio.duration > 0) {
        reported[event.seq] = true;
        act('/audio', { event: event.seq, seconds: audio.duration });
      }
    });
    if (!firstRender && soundOn.checked) {
      var playing = audio.play();
      if (playing && typeof playing.catch === 'function') {
        playing.catch(function () { /* the browser wants a click first: the player is there for that */ });
      }
    }
    return audio;
  }

  function speak(event) {
    if (!canSpeak || !soundOn.checked) {
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(event.text);
    utterance.lang = event.language;
    synth.speak(utterance);
  }

  /** What the caller hears has moved on (or the call ended): earlier recordings stop, as on a real phone. */
  function stopRecordings(exceptSeq) {
    Array.prototype.forEach.call(transcript.querySelectorAll('audio'), function (audio) {
      if (String(audio.getAttribute('data-seq')) !== String(exceptSeq) && !audio.paused) {
        audio.pause();
      }
    });
  }

  function render(call) {
    errorLine.hidden = true;
    var fresh = call.events.filter(function (event) { return event.seq > shown; });
    fresh.forEach(function (event) {
      transcript.appendChild(eventItem(event));
      shown = event.seq;
      if (event.kind === 'speak' || event.kind === 'play' || event.kind === 'wait' || event.kind === 'dial') {
        stopRecordings(event.kind === 'play' ? event.seq : null);
        if (event.kind === 'speak' && !firstRender) {
          speak(event);
        }
      }
    });
    if (fresh.length > 0) {
      transcript.scrollTop = transcript.scrollHeight;   // the list scrolls, never the page
    }
    firstRender = false;

    live = call.state !== 'ended';
    if (!live) {
      stopRecordings(null);
    }
    stateLine.textContent = STATES[call.state] + (call.state === 'ended' && call.endReason ? ': ' + call.endReason : '');
    stateLine.className = 'call-state ' + call.state;
    hint.textContent = HINTS[call.awaiting] || '';
    keysSoFar.textContent = call.keysSoFar;
    ringing.hidden = call.awaiting !== 'answer';
    dialControls.hidden = call.awaiting !== 'dial-outcome';
    keypad.forEach(function (button) { button.disabled = call.state !== 'in-progress'; });
    fastForward.disabled = !live || !call.countdown;
    hangUp.disabled = !live;

    var now = Date.now();
    ticking = {
      endsAt: call.countdown ? now + call.countdown.remainingMs : null,
      elapsedFrom: now - call.elapsedMs,
      running: live
    };
    countdown.hidden = !call.countdown;
    countdownWhat.textContent = call.countdown ? call.countdown.what : '';
    callClock.textContent = clock(call.elapsedMs);
    tick();
  }

  function tick() {
    if (!ticking) {
      return;
    }
    var now = Date.now();
    if (ticking.running) {
      callClock.textContent = clock(now - ticking.elapsedFrom);
    }
    if (ticking.endsAt !== null) {
      countdownLeft.textContent = seconds(Math.max(0, Math.ceil((ticking.endsAt - now) / 100) * 100)) + ' left';
    }
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
  fastForward.addEventListener('click', function () { interrupt(); act('/fast-forward'); });
  hangUp.addEventListener('click', function () { interrupt(); act('/hangup'); });
  soundOn.addEventListener('change', function () {
    if (!soundOn.checked) {
      interrupt();
      stopRecordings(null);
    }
  });

  window.setInterval(tick, 200);
  poll(0);
}());
