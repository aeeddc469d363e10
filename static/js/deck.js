/* deck.js: the model. Slides, their fragment steps, the one state object, navigation, the URL
   hash #/<slide-id>/<f> and the public API (window.deckhand, see the README). The other scripts
   are controllers: they set up on 'init' and talk through this object and its events. */
(() => {
  const bus = new EventTarget(), list = [];
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
      return { id: s.id, f: S.f, index: S.i, total: list.length, fragments: s.frags?.length || 0,
        number: s.number, title: s.title, chapter: s.chapter, overview: S.overview, paused: S.paused };
    },
    setState(st = {}) {
      const i = st.id != null ? list.findIndex(s => s.id === st.id) : st.index ?? S.i;
      return !!list[i] && (go(i, st.f), true);
    },
    slides: () => list.map(({ id, title, number, chapter, frags, h, v }, index) =>
      ({ id, title, number, chapter, fragments: frags.length, h, v, index })),

    // Linear: every fragment, then every slide. Arrows as in reveal.js: fragments first, then
    // left/right across stacks of sub-slides, up/down within one.
    next: () => more() ? go(S.i, S.f + 1) : go(S.i + 1, 0),
    prev: () => less() ? go(S.i, S.f - 1) : S.i > 0 && go(S.i - 1, Infinity),
    right() {
      const j = list.findIndex((s, n) => n > S.i && !s.v);
      more() ? go(S.i, S.f + 1) : j > 0 && go(j, 0);
    },
    left: () => less() ? go(S.i, S.f - 1) : top(S.i) > 0 && go(top(top(S.i) - 1), Infinity),
    down: () => more() ? go(S.i, S.f + 1) : list[S.i + 1]?.v && go(S.i + 1, 0),
    up: () => less() ? go(S.i, S.f - 1) : list[S.i].v && go(S.i - 1, Infinity),
    first: () => go(0, 0),
    last: () => go(list.length - 1, 0)
  };

  // No fragment steps in the overview: there the keys move between slides.
  const more = () => !S.overview && S.f < list[S.i].frags.length;
  const less = () => !S.overview && S.f > 0;
  const top = i => { while (list[i].v && i > 0) i--; return i; };

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
    // #<element-id> (a link to a heading or a chapter) opens the slide that holds it.
    const el = !id && location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el) id = (el.closest('.slide') || el.querySelector('.slide'))?.id || '';
    reading = true;
    // No hash or #/ is the first slide; an unknown id keeps the current one, once there is
    // one, and the hash is put back.
    dh.setState({ id: decodeURIComponent(id), f }) || (!dh.ready || /^#?\/?$/.test(location.hash)) && dh.setState({ index: 0 });
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
    for (const el of main?.querySelectorAll('.slide') || []) {
      const d = el.dataset;
      list.push({ el, id: el.id, title: d.title || '', number: d.number || '', h: +d.h || 0, v: +d.v || 0,
        chapter: el.closest('.chapter')?.dataset.chapter || '', frags: steps(el) });
    }
    if (!list.length) return;
    c.add('js');
    c.toggle('embed', dh.embed);
    dh.emit('init', dh);
    dh.on('slidechanged fragmentchanged', write);
    read();
    addEventListener('hashchange', read);
    addEventListener('popstate', read);
    dh.ready = true;
    dh.emit('ready', dh.getState());
  });
})();
