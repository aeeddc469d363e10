/* speaker-link.js: the deck side of the speaker view, by postMessage to "*" (file:// origins are
   opaque) with ns "deckhand". The speaker says hello every second; the deck answers with all
   (this page's slides and notes, every chapter's duration) if the speaker lacks this page load's
   token, else with the state. Before the deck opens another chapter's page it says "moving". */
(dh => {
  const token = Math.random().toString(36).slice(2);
  let peers = [];
  const stamp = m => Object.assign(m, { ns: 'deckhand', token });
  const post = (w, m) => w.postMessage(stamp(m), '*');
  function send(m) {
    peers = peers.filter(w => !w.closed);
    peers.forEach(w => post(w, m));
  }
  const welcome = () => ({
    type: 'welcome', state: dh.getState(),
    chapters: window.deckhandPages?.chapters.length
      ? deckhandPages.chapters.map(c => ({ id: c.slug, title: c.title, number: c.number, duration: c.duration }))
      : [...dh.main.querySelectorAll('.chapter')].map(({ dataset: d }) =>
        ({ id: d.chapter, title: d.title, number: d.chapterNumber, duration: +d.duration || 0 })),
    slides: dh.slides().map((s, i) => Object.assign(s, { notes: dh.list[i].el.querySelector('.notes')?.innerHTML || '' }))
  });
  function receive(d, src) {
    if (d?.ns !== 'deckhand') return;
    if (d.type === 'hello' && src) {
      if (!peers.includes(src)) peers.push(src);
      post(src, d.token === token ? { type: 'state', state: dh.getState() } : welcome());
    } else if (d.type === 'setState') dh.setState(d.state);
    else if (/^(next|prev|left|right|up|down|first|last)$/.test(d.dir)) dh[d.dir]();
  }

  // Opening an open speaker view again just reloads it: it reconnects and keeps its timer.
  dh.speaker = () => open('speaker.html', 'deckhand-speaker', 'popup,width=1280,height=800') ||
    dh.toast('The browser blocked the speaker view. <a href="speaker.html" target="deckhand-speaker">Open it</a>', 9000);

  // An embedded deck (the speaker view's iframes) reports to its parent.
  dh.on('init', () => {
    addEventListener('message', e => receive(e.data, e.source));
    if (dh.embed && parent !== window) peers.push(parent);
  });
  dh.on('ready', () => send(welcome()));
  dh.on('slidechanged fragmentchanged', st => dh.ready && send({ type: 'state', state: st }));
  dh.on('leave', st => send({ type: 'moving', state: st }));
})(window.deckhand);
