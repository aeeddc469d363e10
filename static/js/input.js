/* input.js: reveal.js's keys and touch swipes. Digits + Enter jump: 12 to the 12th slide, 2.3 to
   slide number 2.3. Ctrl/Alt/Meta and keys typed into fields are left to the browser. */
(dh => {
  const keys = {
    ArrowRight: 'right', ArrowLeft: 'left', ArrowDown: 'down', ArrowUp: 'up', ' ': 'next', PageDown: 'next',
    PageUp: 'prev', Home: 'first', End: 'last', o: 'overview', Escape: 'overview', f: 'fullscreen',
    s: 'speaker', b: 'blackout', '.': 'blackout', '?': 'help'
  };
  let typed = '', x0, y0;
  function onKey(e) {
    const t = e.target, k = e.key.length > 1 ? e.key : e.key.toLowerCase();
    if (e.ctrlKey || e.altKey || e.metaKey || t.isContentEditable ||
        /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || document.querySelector('dialog[open]')) return;
    if (/^\d$/.test(k) || k === '.' && typed) return dh.toast('Go to slide ' + (typed += k));
    if (k === 'Enter' && typed) dh.jump(typed);
    if (typed) return dh.toast(typed = '');      // any other key cancels the jump
    if (/^( |Enter)$/.test(k) && /^(BUTTON|A|SUMMARY)$/.test(t.tagName)) return;
    let a = k === 'Enter' && dh.state.overview ? 'overview' : k === ' ' && e.shiftKey ? 'prev' : keys[k];
    if (a && dh.state.paused) a = 'blackout';
    if (a) {
      e.preventDefault();
      dh[a]();
    }
  }
  // Swipes step in linear order, except on code and tables, which scroll.
  function onTouch(e) {
    const t = e.changedTouches[0], dx = t.clientX - x0;
    if (e.type === 'touchstart') [x0, y0] = e.target.closest('pre, table') ? [] : [t.clientX, t.clientY];
    else if (Math.abs(dx) > 40 && Math.abs(dx) > 2 * Math.abs(t.clientY - y0)) dh[dx < 0 ? 'next' : 'prev']();
  }
  dh.on('init', () => {
    if (dh.embed) return;
    addEventListener('keydown', onKey);
    addEventListener('touchstart', onTouch, { passive: true });
    addEventListener('touchend', onTouch, { passive: true });
  });
})(window.deckhand);
