/* deck.js: the model. Slides, their fragment steps, the one state object, navigation, the URL
   hash #/<slide-id>/<f> and the public API (window.deckhand, see the README). The other scripts
   are controllers: they set up on 'init' and talk through this object and its events.
   A page holds one chapter (print-deck.html holds all): moving past its ends, or to a slide it
   does not hold, opens the page that does (js/pages.js knows which), after a 'leave' event. */
(() => {
  const bus = new EventTarget(), list = [], END = 999;
  let gone = false;   // this page is being left for another
  const P = window.deckhandPages || { chapters: [], total: 0, bySlug: {}, find() {}, at() {}, byNumber() {} };
  const S = { i: -1, f: 0, overview: false, paused: false };
  const dh = window.deckhand = {
    state: S, list, ready: false, embed: /[?&]embed=1/.test(location.search),

    // Late 'ready' subscribers are called at once: scripts injected later need not care.
    on(types, fn) {
      const h = e => fn(e.detail, e.type), ts = types.split(' ');
      for (const t of ts) {
        bus.addEventListener(t, h);
        if (t === 'ready' && dh.ready) fn(dh.getState(), t);
      }
      return () => ts.forEach(t => bus.removeEventListener(t, h));
    },
    emit: (type, detail) => bus.dispatchEvent(new CustomEvent(type, { detail })),
    getState() {
      const s = list[S.i] || {};
      return { id: s.id, f: S.f, index: s.g ?? S.i, total: P.total || list.length, fragments: s.frags?.length || 0,
        number: s.number, title: s.title, chapter: s.chapter, overview: S.overview, paused: S.paused };
    },
    // A slide this page does not hold opens the page that does.
    setState(st = {}) {
      const i = st.id != null ? list.findIndex(s => s.id === st.id)
        : st.index != null ? list.findIndex(s => s.g === st.index) : S.i;
      if (list[i]) return go(i, st.f), true;
      const at = st.id != null ? P.find(st.id) : st.index != null && P.at(st.index);
      return !!at && (leave(at.c, at.k, st.f), true);
    },
    // "12": the 12th slide of the deck; "2.3" or "2.3.1": the slide with that number.
    jump(typed) {
      const s = list.find(s => s.number === typed), at = !s && P.byNumber(typed);
      return s ? dh.setState({ id: s.id }) : at ? (leave(at.c, at.k, 0), true) : dh.setState({ index: typed - 1 });
    },
    // This page's slides (its chapter's).
    slides: () => list.map(({ id, title, number, chapter, frags, h, v, g }) =>
      ({ id, title, number, chapter, fragments: frags.length, h, v, index: g })),

    // Linear: every fragment, then every slide. Arrows as in reveal.js: fragments first, then
    // left/right across stacks of sub-slides, up/down within one.
    next: () => more() ? go(S.i, S.f + 1) : S.i < list.length - 1 ? go(S.i + 1, 0) : cross(1, () => 0, 0),
    prev: () => less() ? go(S.i, S.f - 1) : S.i > 0 ? go(S.i - 1, Infinity) : cross(-1, c => c.slides - 1, END),
    right() {
      const j = list.findIndex((s, n) => n > S.i && !s.v);
      more() ? go(S.i, S.f + 1) : j > 0 ? go(j, 0) : cross(1, () => 0, 0);
    },
    left: () => less() ? go(S.i, S.f - 1) : top(S.i) > 0 ? go(top(top(S.i) - 1), Infinity) : cross(-1, P.lastTop, END),
    down: () => more() ? go(S.i, S.f + 1) : list[S.i + 1]?.v && go(S.i + 1, 0),
    up: () => less() ? go(S.i, S.f - 1) : list[S.i].v && go(S.i - 1, Infinity),
    first: () => list[0].g ? leave(P.chapters[0], 0, 0) : go(0, 0),
    last() {
      const c = P.chapters[P.chapters.length - 1];
      c && list[list.length - 1].g < P.total - 1 ? leave(c, c.slides - 1, 0) : go(list.length - 1, 0);
    }
  };

  // No fragment steps in the overview: there the keys move between slides.
  const more = () => !S.overview && S.f < list[S.i].frags.length;
  const less = () => !S.overview && S.f > 0;
  const top = i => { while (list[i].v && i > 0) i--; return i; };

  // The chapter before (dir -1) or after (+1) this slide's, at its slide `k(chapter)`, step f.
  function cross(dir, k, f) {
    const c = P.chapters[(P.bySlug[list[S.i].chapter]?.index ?? NaN) + dir];
    if (c) leave(c, k(c), f);
  }

  // Open chapter c's page at its k-th slide, step f (END: the last one). Peers hear of it first.
  function leave(c, k, f) {
    f = f === Infinity ? END : +f || 0;
    const id = P.idAt(c, k), url = `${P.url(c)}${location.search}#/${encodeURIComponent(id)}${f ? '/' + f : ''}`;
    gone = true;
    dh.emit('leave', { id, f, index: c.offset + k, total: P.total, number: P.numberAt(c, k), chapter: c.slug, url });
    // A link followed from elsewhere, or a frame, leaves no page behind in the history.
    location[reading || dh.embed ? 'replace' : 'assign'](url);
  }

  // The one place the state changes. Going back to a slide shows all its fragments.
  function go(i, f) {
    i = Math.max(0, Math.min(i, list.length - 1));
    f = Math.max(0, Math.min(+f || 0, list[i].frags.length));
    const old = S.i;
    if (i === old && f === S.f) return;
    S.i = i;
    S.f = f;
    dh.emit(i === old ? 'fragmentchanged' : 'slidechanged', dh.getState());
  }

  // Fragment steps as in reveal.js: one per data-fragment-index, in order, then one per
  // fragment without an index.
  function steps(el) {
    const by = {}, rest = [];
    for (const fr of el.querySelectorAll('.slide-content .fragment')) {
      const n = fr.dataset.fragmentIndex;
      n == null ? rest.push([fr]) : (by[n] ||= []).push(fr);
    }
    return Object.keys(by).sort((a, b) => a - b).map(k => by[k]).concat(rest);
  }

  // A slide change pushes a history entry so Back works (reveal.js's history option); fragment
  // steps and changes read from the URL replace it. Chromium drops history updates beyond ~200
  // in 10 s, so while keys repeat the hash is written when they stop.
  let reading = false, push = false, burst = 0, timer;
  function read() {
    let [, id = '', f] = /^#\/([^/]*)\/?(\d*)/.exec(location.hash) || [];
    // #<element-id> (a link to a heading or a chapter) opens the slide that holds it, here or on
    // its chapter's page.
    const name = !id && location.hash.length > 1 && decodeURIComponent(location.hash.slice(1));
    const el = name && document.getElementById(name), away = name && !el && P.element(name);
    if (away && !list.some(s => s.chapter === away.slug)) {
      gone = true;
      return location.replace(P.url(away) + location.search + location.hash);
    }
    if (el) id = (el.closest('.slide') || el.querySelector('.slide'))?.id || '';
    reading = true;
    // No hash or #/ is the page's first slide; an unknown id keeps the current one, once there
    // is one, and the hash is put back. Either way the reader is told the link led nowhere.
    const found = dh.setState({ id: decodeURIComponent(id), f });
    if (!found) {
      const unknown = id ? decodeURIComponent(id) : name && !el ? name : '';
      (!dh.ready || /^#?\/?$/.test(location.hash)) && go(0, 0);
      const safe = unknown.replace(/[&<>"]/g, c => '&#' + c.charCodeAt(0) + ';');
      if (unknown) dh.toast?.('No slide “' + safe + '” in this deck: showing ' + (dh.ready ? 'the current slide.' : 'the first slide.'), 6000);
    }
    reading = false;
    write();
  }
  function write(st, type) {
    push ||= type === 'slidechanged' && dh.ready && !reading;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { id, f } = dh.getState(), h = `#/${encodeURIComponent(id)}${f ? '/' + f : ''}`;
      if (location.hash !== h && !dh.embed) history[push ? 'pushState' : 'replaceState'](null, '', h);
      push = false;
      burst = Date.now() + 300;
    }, Date.now() < burst ? 300 : 0);
  }

  document.addEventListener('DOMContentLoaded', () => {
    const main = dh.main = document.getElementById('deck'), c = document.documentElement.classList;
    const seen = {};
    for (const el of main?.querySelectorAll('.slide') || []) {
      const d = el.dataset, chapter = el.closest('.chapter')?.dataset.chapter || '';
      // g: the slide's index in the whole deck.
      const k = seen[chapter] = (seen[chapter] ?? -1) + 1, g = (P.bySlug[chapter]?.offset ?? list.length - k) + k;
      list.push({ el, id: el.id, title: d.title || '', number: d.number || '', h: +d.h || 0, v: +d.v || 0,
        chapter, g, frags: steps(el) });
    }
    if (!list.length) return;
    c.add('js');
    c.toggle('embed', dh.embed);
    dh.emit('init', dh);
    dh.on('slidechanged fragmentchanged', write);
    read();
    if (gone) return;
    addEventListener('hashchange', read);
    addEventListener('popstate', read);
    dh.ready = true;
    dh.emit('ready', dh.getState());
  });
})();
