/* view.js: shows the state. The current slide and its fragments, the lit lines of step-through
   code, the fit to the window (the slide box, 1280×720 unless [theme] aspect says otherwise,
   scaled and letterboxed; portrait windows get a 640-wide canvas as tall as the screen, readable
   on phones) and the overview grid. */
(dh => {
  const root = document.documentElement, S = dh.state;
  let cur;
  function fit() {
    const w = innerWidth, h = innerHeight, p = h > w && !dh.embed;
    // The slide box comes from css/theme.css ([theme] aspect).
    const box = n => parseFloat(getComputedStyle(root).getPropertyValue(n));
    const cw = p ? 640 : box('--dh-slide-width') || 1280;
    const ch = p ? Math.round(640 * h / w) : box('--dh-slide-height') || 720;
    root.style.cssText += `--dw:${cw}px;--dh:${ch}px;--s:${Math.min(w / cw, h / ch)}`;
    root.classList.toggle('portrait', p);
  }

  // Lit: the lines of the last code step shown ("3-5,9"), else the first data-steps group.
  function codeSteps(fig) {
    const shown = [...fig.querySelectorAll('.code-step.visible')].pop();
    const spec = (shown ? shown.dataset.lines : fig.dataset.steps.split('|')[0]).split(',');
    let first;
    fig.querySelectorAll('.ln').forEach((ln, i) => {
      const on = spec.some(r => { const [a, b = a] = r.split('-'); return i >= a - 1 && i < b; });
      ln.classList.toggle('hl-on', on) && (first ||= ln);
    });
    const pre = first?.closest('pre');
    if (pre) pre.scrollTop = first.offsetTop - pre.offsetTop - pre.clientHeight / 4;
  }

  function show(st) {
    const s = dh.list[S.i];
    if (cur !== s.el) cur?.querySelectorAll('.slide-bg video').forEach(v => v.pause());
    cur?.classList.remove('current');
    (cur = s.el).classList.add('current');
    // Background videos play on their slide only.
    cur.querySelectorAll('.slide-bg video').forEach(v => v.paused && v.play().catch(() => {}));
    // current-fragment: the step just reached, for the styles that change once it is passed.
    s.frags.forEach((g, n) => g.forEach(fr => (fr.classList.toggle('visible', n < st.f),
      fr.classList.toggle('current-fragment', n === st.f - 1))));
    s.el.querySelectorAll('.code[data-steps]').forEach(codeSteps);
    if (S.overview) cur.scrollIntoView({ block: 'nearest' });
  }

  dh.overview = (on = !S.overview) => {
    root.classList.toggle('overview', S.overview = on);
    on ? cur.scrollIntoView({ block: 'nearest' }) : dh.main.scrollTop = 0;
  };

  dh.on('slidechanged fragmentchanged', show);
  dh.on('init', () => {
    fit();
    addEventListener('resize', fit);
    dh.main.addEventListener('click', e => {
      const el = S.overview && e.target.closest('.slide');
      if (el) {
        dh.setState({ id: el.id });
        dh.overview(false);
      }
    });
  });
})(window.deckhand);
