/* deckhand serve's client, injected into every page by `deckhand serve` only (a published build
   carries none of it). Over one websocket it:
   - reloads the page after a rebuild (the deck keeps its slide and step: they are in the URL),
     or swaps changed stylesheets in place;
   - shows the build's errors in an overlay while the last good version stays on screen;
   - shares the slide position: presenter pages (the server knows them by their cookie) move it,
     follower pages follow it, and a follower who browses away can snap back. */
(() => {
  'use strict';
  const embed = /[?&]embed=1/.test(location.search);
  const address = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/__deckhand/ws';
  let socket = null, connectedOnce = false, retry = 250;
  // Whether a follower still follows: kept across the pages of the deck (a chapter each).
  const AWAY = 'deckhand-browsed-away';
  const stored = (set) => { try { return set === undefined ? sessionStorage.getItem(AWAY) !== '1' : set ? sessionStorage.removeItem(AWAY) : sessionStorage.setItem(AWAY, '1'); } catch (e) { return true; } };
  // role: null until the server's welcome says whose page this is. early: a move made here
  // before that (a presenter who pressed a key before the socket opened must not be sent back
  // to the position the server knew, nor lose the move).
  // A move that opened this page before the last one heard its role is carried in sessionStorage.
  const EARLY = 'deckhand-early-move';
  let role = null, following = stored(), applying = false, latest = null, early = null;
  try {
    early = JSON.parse(sessionStorage.getItem(EARLY));
    sessionStorage.removeItem(EARLY);
  } catch (e) { /* storage off: the move stays on its page */ }

  const deck = () => (window.deckhand && window.deckhand.setState ? window.deckhand : null);
  const send = msg => socket && socket.readyState === 1 && socket.send(JSON.stringify(msg));

  function connect() {
    socket = new WebSocket(address);
    socket.onmessage = e => handle(JSON.parse(e.data));
    socket.onopen = () => {
      // The server restarted while we were away: what it serves may have changed.
      if (connectedOnce) location.reload();
      connectedOnce = true;
      retry = 250;
    };
    socket.onclose = () => {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 4000);
    };
  }

  function handle(m) {
    if (m.type === 'welcome') {
      role = m.role;
      overlay(m.errors);
      notesNotice();
      if (document.body.classList.contains('speaker-page')) speaker();
      if (!early) return m.position && follow(m.position);
      // Where the presenter went meanwhile is where this page is now.
      const here = deck() && deck().ready ? deck().getState() : early;
      if (role === 'presenter') send({ type: 'goto', id: here.id, f: here.f });
      else if (m.position) browsedAway(m.position);
    } else if (m.type === 'reload') location.reload();
    else if (m.type === 'styles') swap(m.paths || []);
    else if (m.type === 'errors') overlay(m.errors);
    else if (m.type === 'ok') overlay(null);
    else if (m.type === 'position') follow(m);
    else if (m.type === 'nav' && role === 'presenter' && !embed && deck() && deck()[m.dir]) deck()[m.dir]();
    else if (m.type === 'rejected') console.warn('deckhand: ' + m.reason);
  }

  // ---- stylesheets swapped in place --------------------------------------------------------
  function swap(paths) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const href = link.getAttribute('href').split('?')[0];
      if (!paths.some(p => href === p || href.endsWith('/' + p))) continue;
      const fresh = link.cloneNode();
      fresh.href = href + '?v=' + Date.now();
      fresh.onload = () => link.remove();
      link.after(fresh);
    }
  }

  // ---- the error overlay -------------------------------------------------------------------
  function overlay(errors) {
    let box = document.getElementById('deckhand-overlay');
    if (!errors || !errors.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement('section');
      box.id = 'deckhand-overlay';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;' +
        'margin:0;padding:16px 20px;background:#2b0d0d;color:#fdeaea;border-top:4px solid #ff6b6b;' +
        'font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -6px 24px #0008';
      document.body.appendChild(box);
    }
    box.textContent = '';
    const title = document.createElement('h2');
    title.style.cssText = 'margin:0 0 8px;font:600 16px/1.3 system-ui,sans-serif;color:#fff';
    title.textContent = 'The build failed: showing the last good version';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Hide';
    close.style.cssText = 'float:right;font:inherit;color:inherit;background:#0004;border:1px solid #fff6;border-radius:4px';
    close.onclick = () => (box.hidden = true);
    box.append(close, title);
    const list = document.createElement('ul');
    list.style.cssText = 'margin:0;padding:0;list-style:none';
    for (const e of errors) {
      const item = document.createElement('li');
      item.style.margin = '6px 0';
      const where = document.createElement('strong');
      where.textContent = e.location;
      item.append(where, ': ' + e.message);
      if (e.hint) {
        const hint = document.createElement('div');
        hint.style.cssText = 'opacity:.8;padding-left:2em';
        hint.textContent = 'hint: ' + e.hint;
        item.append(hint);
      }
      list.append(item);
    }
    box.append(list);
  }

  // ---- the speaker view of a follower -------------------------------------------------------
  // Followers' pages carry no notes: say so, and how to get them, instead of "No notes".
  function notesNotice() {
    const notes = document.getElementById('sv-notes');
    if (role !== 'follower' || embed || !notes || document.getElementById('deckhand-notes-notice')) return;
    const p = document.createElement('p');
    p.id = 'deckhand-notes-notice';
    p.setAttribute('role', 'note');
    p.style.cssText = 'margin:0 0 8px;padding:8px 10px;border-left:4px solid #0a56c2;background:#0a56c21a;font:14px/1.4 system-ui,sans-serif';
    p.textContent = 'The notes are shown to the presenter only. To see them here, open in this browser ' +
      'the speaker view link that deckhand serve printed in its terminal (it ends in &to=speaker).';
    notes.before(p);
  }

  // ---- the shared position -----------------------------------------------------------------
  // The deck's moves are watched from the start, before the socket opens: the first key can come
  // first. 'leave': the deck opens another chapter's page (the presenter's move must go out first).
  function wire() {
    const d = deck();
    if (d && !embed) d.on('ready', () => d.on('slidechanged fragmentchanged leave', moved));
  }

  // The deck moved: a presenter shares it; a follower stops following until asked to snap back.
  function moved(state, type) {
    if (applying) return;
    if (role === null) {
      early = { id: state.id, f: state.f };
      try { if (type === 'leave') sessionStorage.setItem(EARLY, JSON.stringify(early)); } catch (e) { /* as above */ }
    } else if (role === 'presenter') send({ type: 'goto', id: state.id, f: state.f });
    else if (latest) browsedAway(latest);
  }

  function browsedAway(position) {
    latest = position;
    following = false;
    stored(false);
    button();
  }

  function follow(position) {
    latest = position;
    if (role === 'follower' && !following) return button();
    const d = deck();
    if (d && !embed) {
      d.on('ready', () => {
        const s = d.getState();
        if (s.id === position.id && s.f === position.f) return;
        applying = true;
        d.setState({ id: position.id, f: position.f });
        applying = false;
      });
    } else if (window.deckhandSpeakerFollow) window.deckhandSpeakerFollow(position);
  }

  // "Follow the presenter" for followers who browsed away.
  function button() {
    let b = document.getElementById('deckhand-follow');
    if (following) {
      if (b) b.remove();
      return;
    }
    if (!b) {
      b = document.createElement('button');
      b.id = 'deckhand-follow';
      b.type = 'button';
      b.style.cssText = 'position:fixed;z-index:2147483646;top:12px;left:50%;transform:translateX(-50%);padding:8px 14px;' +
        'border:0;border-radius:20px;background:#0a56c2;color:#fff;font:600 14px system-ui,sans-serif;box-shadow:0 2px 10px #0006';
      b.onclick = () => {
        following = true;
        stored(true);
        button();
        if (latest) follow(latest);
      };
      document.body.appendChild(b);
    }
    b.textContent = 'Follow the presenter' + (latest ? ' (on ' + latest.id + ')' : '');
  }

  // A speaker view on its own (no deck window opened it, e.g. on a tablet) drives its preview
  // frame; it shares that frame's moves and follows other presenters' moves through it.
  function speaker() {
    const frame = document.getElementById('sv-cur');
    if (!frame || window.opener || window.deckhandSpeakerFollow) return;
    let last = '';
    window.deckhandSpeakerFollow = p => {
      last = p.id + '/' + p.f;
      frame.contentWindow.postMessage({ ns: 'deckhand', type: 'setState', state: { id: p.id, f: p.f } }, '*');
    };
    addEventListener('message', e => {
      const d = e.data;
      if (e.source !== frame.contentWindow || !d || d.ns !== 'deckhand' || !d.state || role !== 'presenter') return;
      const key = d.state.id + '/' + d.state.f;
      if (key !== last) {
        last = key;
        send({ type: 'goto', id: d.state.id, f: d.state.f });
      }
    });
  }

  wire();
  connect();
})();
