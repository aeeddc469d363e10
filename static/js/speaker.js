/* speaker.js: the speaker view (speaker.html). Shows the current slide, the next step, the notes,
   a clock, an elapsed timer and the pacing against each chapter's planned duration.

   It talks to deck windows only by postMessage (file:// forbids reaching into another window's
   DOM), with the namespaced protocol of js/speaker-link.js:
   - the deck window that opened this one (window.opener) is the controller: we send it "hello"
     every second; it answers "welcome" (slides, notes, chapters) when it has loaded since we last
     heard from it, else "state". That heartbeat re-attaches after a reload of either window;
   - without an opener (speaker.html opened on its own, or the deck closed), the current-slide
     iframe, a deck in embed mode, is the controller: the speaker view then runs the deck alone;
   - both iframes (a chapter's page, deck-<slug>.html?embed=1) are told what to show with
     "setState", or moved to the page of another chapter (js/pages.js says which);
   - a deck about to open another chapter's page says "moving": we show where it goes at once,
     and say hello more often until the new page answers. */
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const curFrame = $('sv-cur'), nextFrame = $('sv-next');
  const folder = location.pathname.replace(/[^/]*$/, '');
  const TIMER_KEY = 'deckhand-timer:' + folder, SIZE_KEY = 'deckhand-notes-size';
  const HEARTBEAT = 1000, TIMEOUT = 3000;
  // ?theme=dark (or light) of this view goes to the previews too, whatever the deck saved.
  const theme = new URLSearchParams(location.search).get('theme');
  const EMBED = '?embed=1' + (theme ? '&theme=' + encodeURIComponent(theme) : '');

  let deck = null;          // the last "welcome": { title, chapters, slides, state }
  let token = null;         // the controlling deck page load we hold data from
  let state = null;         // { id, f } shown now
  let heard = 0;            // when the opener last answered
  let shownNotes = null;
  let hurry = 0;            // until when to say hello often (a deck window is changing pages)
  const P = window.deckhandPages || { chapters: [], bySlug: {}, find() {} };
  const pageOf = new Map(); // the chapter page each iframe shows

  const opener = () => window.opener && !window.opener.closed ? window.opener : null;
  const connected = () => opener() && Date.now() - heard < TIMEOUT;
  const controller = () => connected() ? opener() : curFrame.contentWindow;
  const post = (w, msg) => w && w.postMessage(Object.assign({ ns: 'deckhand', token }, msg), '*');

  // ---- messages -----------------------------------------------------------------------------
  addEventListener('message', e => {
    const d = e.data;
    if (!d || d.ns !== 'deckhand') return;
    const from = e.source;
    if (from === opener()) {
      heard = Date.now();
      if (d.type === 'welcome') { deck = d; token = d.token; hurry = 0; apply(d.state, true); }
      else if (d.type === 'state' && d.token === token) apply(d.state);
      else if (d.type === 'moving') { hurry = Date.now() + TIMEOUT; apply(d.state); }
    } else if (from === curFrame.contentWindow) {
      if (d.type === 'welcome' && (!deck || !connected())) deck = d;
      if (d.type === 'moving' && P.bySlug[d.state.chapter]) pageOf.set(curFrame, P.url(P.bySlug[d.state.chapter]));
      if (connected()) d.type !== 'moving' && state && post(from, { type: 'setState', state });   // a (re)loaded iframe catches up
      else if (d.state) apply(d.state, d.type === 'welcome');
    } else if (from === nextFrame.contentWindow && d.type === 'welcome') {
      showNext();
    }
    status();
  });

  function hello() {
    post(opener(), { type: 'hello' });
    status();
  }

  function nav(dir) {
    post(controller(), { type: 'nav', dir });
  }

  // ---- showing the state --------------------------------------------------------------------
  // The slide `id` as the last welcome described it (its chapter's slides only).
  const described = id => deck && deck.slides.find(s => s.id === id);

  // The next step: the next fragment, else the next slide, in the next chapter if need be.
  function nextOf(st) {
    const s = described(st.id), at = P.find(st.id);
    if (s && st.f < s.fragments) return { id: s.id, f: st.f + 1 };
    if (at) {
      const n = at.k + 1 < at.c.slides ? [at.c, at.k + 1] : P.chapters[at.c.index + 1] && [P.chapters[at.c.index + 1], 0];
      return n ? { id: P.idAt(...n), f: 0 } : null;
    }
    const i = deck ? deck.slides.indexOf(s) : -1, n = i >= 0 && deck.slides[i + 1];
    return n ? { id: n.id, f: 0 } : null;
  }

  // Show `st` in an iframe: tell its deck, or move it to the chapter page holding the slide.
  function frameTo(frame, st) {
    const at = P.find(st.id), page = at ? P.url(at.c) : pageOf.get(frame);
    if (pageOf.get(frame) === page) return post(frame.contentWindow, { type: 'setState', state: st });
    pageOf.set(frame, page);
    frame.contentWindow.location.replace(`${page}${EMBED}#/${encodeURIComponent(st.id)}/${st.f}`);
  }

  function apply(st, force) {
    if (!st || !st.id) return;
    if (!force && state && st.id === state.id && st.f === state.f) return;
    state = { id: st.id, f: st.f || 0 };
    if (connected()) frameTo(curFrame, state);
    showNext();
    const s = described(state.id), steps = s ? s.fragments : st.fragments;
    $('sv-number').textContent = st.number || (s ? s.number : '–');
    $('sv-of').textContent = st.total ? `(${st.index + 1} of ${st.total}` +
      (steps ? `, step ${Math.min(state.f, steps)} of ${steps})` : ')') : '';
    if (state.id !== shownNotes) {
      shownNotes = s ? s.id : null;
      // Notes are the author's HTML from the deck page, the same markup the deck itself holds.
      $('sv-notes').innerHTML = s ? s.notes || '<p class="sv-none">No notes for this slide.</p>' : '';
      $('sv-notes').scrollTop = 0;
      more();
    }
    pace();
  }

  function showNext() {
    const n = state && nextOf(state);
    $('sv-end').hidden = !!n || !state;
    nextFrame.style.visibility = n ? '' : 'hidden';
    if (n) frameTo(nextFrame, n);
  }

  function status() {
    const text = connected() ? 'Connected to the deck window'
      : opener() ? 'Deck window not answering: reconnecting…'
      : 'No deck window: this view drives its own preview';
    const el = $('sv-status');
    if (el.textContent !== text) el.textContent = text;
    el.dataset.connected = connected() ? 'yes' : 'no';
  }

  // ---- timer ---------------------------------------------------------------------------------
  // { acc: ms counted before `since`, since: start of the running stretch or null when paused,
  // origin: where the plan stood (ms into the workshop) at the slide shown when the count began },
  // in localStorage so a reload of this window (or closing and reopening it) keeps the count.
  let timer = load(TIMER_KEY) || { acc: 0, since: Date.now() };
  const elapsed = () => timer.acc + (timer.since ? Date.now() - timer.since : 0);

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: in memory only */ }
  }

  function pause() {
    timer = timer.since ? { ...timer, acc: elapsed(), since: null } : { ...timer, since: Date.now() };
    save(TIMER_KEY, timer);
    tick();
  }
  function reset() {
    timer = { acc: 0, since: timer.since ? Date.now() : null };
    save(TIMER_KEY, timer);
    tick();
  }

  // h:mm:ss, or m:ss under an hour when `short`.
  function clock(ms, short) {
    const s = Math.floor(Math.abs(ms) / 1000), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    const mmss = `${String(m).padStart(h || !short ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
    return h || !short ? `${h}:${mmss}` : mmss;
  }
  const minutes = ms => {
    const m = Math.round(Math.abs(ms) / 60000);
    return m === 1 ? '1 min' : `${m} min`;
  };

  // ---- pacing --------------------------------------------------------------------------------
  // Where the plan says we should be: the chapters before this one, plus this chapter's
  // duration shared evenly among its slides up to the current one. The count is measured from
  // the plan's point at the slide where the timer started (or was reset): a talk that starts on
  // slide 2.3 is on time there, not 23 minutes ahead, and its chapter has the rest of its
  // minutes left, not the whole workshop's first forty.
  function pace() {
    const el = $('sv-pace');
    const at = state && P.find(state.id), s = state && described(state.id);
    if (!deck || !(at || s)) return;
    const chapters = deck.chapters, ci = chapters.findIndex(c => c.id === (at ? at.c.slug : s.chapter));
    const total = chapters.reduce((t, c) => t + c.duration, 0) * 60000;
    if (ci < 0 || !total) {
      el.textContent = 'No plan: chapters have no duration';
      el.dataset.pace = 'on-time';
      return;
    }
    const ch = chapters[ci], before = chapters.slice(0, ci).reduce((t, c) => t + c.duration, 0) * 60000;
    const inChapter = deck.slides.filter(x => x.chapter === ch.id);
    const share = at ? at.k / at.c.slides : inChapter.indexOf(s) / inChapter.length;
    const planned = before + ch.duration * 60000 * share;
    if (typeof timer.origin !== 'number') { timer.origin = planned; save(TIMER_KEY, timer); }
    const origin = timer.origin, now = origin + elapsed(), diff = planned - now;
    const chapterLeft = before + ch.duration * 60000 - now, totalLeft = total - now;

    $('sv-chapter-name').textContent = `Chapter ${ch.number} · ${ch.title} (${ch.duration} min)`;
    $('sv-chapter-left').textContent = chapterLeft >= 0 ? `${clock(chapterLeft, true)} left` : `${clock(chapterLeft, true)} over`;
    const planLength = clock(total - origin);
    $('sv-total-left').textContent = totalLeft >= 0 ? `${clock(totalLeft)} left of ${planLength}` : `${clock(totalLeft)} over ${planLength}`;
    // Colour and words: the state is readable without colour.
    const kind = Math.abs(diff) < 60000 ? 'on-time' : diff > 0 ? 'ahead' : diff > -300000 ? 'behind' : 'late';
    el.dataset.pace = kind;
    el.textContent = kind === 'on-time' ? 'On time' : diff > 0 ? `▲ ${minutes(diff)} ahead of plan` : `▼ ${minutes(diff)} behind plan`;
  }

  function tick() {
    $('sv-clock').textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    $('sv-elapsed').textContent = clock(elapsed());
    $('sv-pause').textContent = timer.since ? 'Pause' : 'Resume';
    document.body.classList.toggle('sv-paused', !timer.since);
    pace();
  }

  // ---- notes that do not fit: a cue below them until the reader has scrolled to their end ------
  function more() {
    const el = $('sv-notes');
    el.parentElement.toggleAttribute('data-more', el.scrollHeight - el.scrollTop - el.clientHeight > 2);
  }
  $('sv-notes').addEventListener('scroll', more, { passive: true });
  addEventListener('resize', more);

  // ---- notes size ----------------------------------------------------------------------------
  let size = load(SIZE_KEY) || 22;
  function resize(by) {
    size = Math.max(12, Math.min(48, size + by));
    document.documentElement.style.setProperty('--notes-size', size + 'px');
    save(SIZE_KEY, size);
    more();
  }

  // ---- keys ----------------------------------------------------------------------------------
  const keys = {
    ArrowRight: 'right', ArrowLeft: 'left', ArrowDown: 'down', ArrowUp: 'up', ' ': 'next',
    PageDown: 'next', PageUp: 'prev', Home: 'first', End: 'last', n: 'next', p: 'prev'
  };
  addEventListener('keydown', e => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (/^(BUTTON|A)$/.test(e.target.tagName) && /^( |Enter)$/.test(e.key)) return;
    const k = e.key.length > 1 ? e.key : e.key.toLowerCase();
    if (k === 't') pause();
    else if (k === '+' || k === '=') resize(2);
    else if (k === '-') resize(-2);
    else if (keys[k]) nav(k === ' ' && e.shiftKey ? 'prev' : keys[k]);
    else return;
    e.preventDefault();
  });

  $('sv-pause').onclick = pause;
  $('sv-reset').onclick = reset;
  $('sv-smaller').onclick = () => resize(-2);
  $('sv-larger').onclick = () => resize(2);

  // The iframes start at the position in our own hash, if any (#/<id>/<f>, like the deck's), on
  // the page of its chapter.
  const start = location.hash.startsWith('#/') ? location.hash : '';
  const first = P.find(decodeURIComponent(start.slice(2).split('/')[0]))?.c || P.chapters[0];
  for (const frame of [curFrame, nextFrame]) {
    pageOf.set(frame, first ? P.url(first) : 'deck.html');
    frame.src = pageOf.get(frame) + EMBED + start;
  }
  save(TIMER_KEY, timer);
  resize(0);
  tick();
  hello();
  setInterval(hello, HEARTBEAT);
  setInterval(() => Date.now() < hurry && hello(), 100);
  setInterval(tick, 500);
})();
