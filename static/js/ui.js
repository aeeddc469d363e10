/* ui.js: the chrome from <template id="deck-chrome"> (inert without JavaScript): progress, slide
   number, live region, help, toast; also fullscreen, the theme toggle, Copy buttons. */
(dh => {
  const root = document.documentElement, $ = s => document.querySelector(s);
  dh.help = () => $('.dh-help')?.showModal();
  dh.fullscreen = () => document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen?.().catch(() => {});
  dh.blackout = (on = !dh.state.paused) => {
    root.classList.toggle('paused', dh.state.paused = on);
  };
  // The choice is kept in localStorage and applied by the script in <head> before first paint.
  dh.theme = () => {
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    root.dataset.theme = (root.dataset.theme || (dark ? 'dark' : 'light')) === 'dark' ? 'light' : 'dark';
    try { localStorage.setItem('deckhand-theme', root.dataset.theme); } catch (e) {}
  };
  let timer;
  dh.toast = (html, ms = 3000) => {
    const t = $('.dh-toast');
    if (!t) return;
    t.innerHTML = html;
    t.hidden = !html;
    clearTimeout(timer);
    timer = setTimeout(() => t.hidden = true, ms);
  };

  // Shell blocks lose "$ " prompts; console blocks also output lines (no prompt, no "\" before).
  dh.copyText = fig => {
    let t = fig.querySelector('pre').textContent.replace(/\n$/, ''), more = false;
    const lang = fig.dataset.lang;
    if (lang === 'console') t = t.split('\n').filter(l => {
      const keep = more || l.startsWith('$ ');
      more = keep && l.endsWith('\\');
      return keep;
    }).join('\n');
    return /^(bash|sh|shell|zsh|console)$/.test(lang) ? t.replace(/^\$ /gm, '') : t;
  };

  dh.on('init', () => {
    const tpl = $('#deck-chrome');
    if (dh.embed || !tpl) return;
    document.body.append(tpl.content.cloneNode(true));
    $('.dh-controls').onclick = e => dh[e.target.closest('[data-a]')?.dataset.a]?.();
    dh.on('slidechanged fragmentchanged', st => {
      $('.dh-progress i').style.transform = `scaleX(${st.index / (st.total - 1 || 1)})`;
      $('.dh-num').textContent = st.number;
    });
    dh.on('slidechanged', st => $('.dh-live').textContent = `Slide ${st.number}${st.title ? ': ' + st.title : ''}`);
    // The Clipboard API needs a secure context: https, localhost, file://.
    for (const fig of navigator.clipboard ? dh.main.querySelectorAll('figure.code') : []) {
      const b = fig.insertBefore(document.createElement('button'), fig.querySelector('pre'));
      b.type = 'button';
      b.className = 'copy';
      b.textContent = 'Copy';
      b.onclick = () => {
        navigator.clipboard.writeText(dh.copyText(fig)).then(() => b.textContent = 'Copied', () => b.textContent = 'Failed');
        setTimeout(() => b.textContent = 'Copy', 2000);
      };
    }
  });
})(window.deckhand);
