/* pages.js: which page holds which slide. A chapter's slides are a page, deck-<slug>.html;
   js/toc.js lists the chapters (slug, number, title, duration, slide count, the sub-slides
   under each slide if any, the ids authors set by index). Other ids are <slug>-<h>[-<v>]. */
(() => {
  const chapters = (window.deckhandToc || {}).chapters || [], bySlug = {}, byId = {};
  let total = 0;
  chapters.forEach((c, i) => {
    Object.assign(c, { index: i, offset: total });
    total += c.slides;
    bySlug[c.slug] = c;
    for (const k in c.ids) byId[c.ids[k]] = { c, k: +k };
  });
  // [h, v] of each slide of chapter c.
  function places(c) {
    if (!c.hv) {
      const out = c.hv = [], subs = c.subs || [];
      for (let h = 1; out.length < c.slides; h++)
        for (let v = 0; v <= (subs[h - 1] | 0) && out.length < c.slides; v++) out.push([h, v]);
    }
    return c.hv;
  }
  const indexOf = (c, h, v) => places(c).findIndex(p => p[0] === h && p[1] === v);
  const P = window.deckhandPages = {
    chapters, total, bySlug,
    url: c => `deck-${c.slug}.html`,
    idAt(c, k) {
      const [h, v] = places(c)[k];
      return c.ids?.[k] ?? c.slug + '-' + h + (v ? '-' + v : '');
    },
    numberAt: (c, k) => c.number + '.' + places(c)[k].filter(Boolean).join('.'),
    // The top slide of a chapter's last stack: where "left" arrives from the next chapter.
    lastTop: c => indexOf(c, places(c)[c.slides - 1][0], 0),
    // { c, k }: the chapter holding slide `id` and its index there.
    find(id) {
      if (byId[id]) return byId[id];
      for (const m of [/^(.+)-(\d+)-(\d+)$/.exec(id), /^(.+)-(\d+)()$/.exec(id)]) {
        const c = m && bySlug[m[1]], k = c ? indexOf(c, +m[2], +m[3]) : -1;
        if (k >= 0 && P.idAt(c, k) === id) return { c, k };
      }
    },
    // The chapter of an element id: chapter-<slug>, handout-<slide id> or <slug>-<anchor>.
    element(id) {
      for (const name of [id.replace(/^(chapter|handout)-/, ''), id])
        for (let at = name.length; at > 0; at = name.lastIndexOf('-', at - 1))
          if (bySlug[name.slice(0, at)]) return bySlug[name.slice(0, at)];
    },
    // { c, k } of the slide at `index` in the deck, or numbered "2.3" / "2.3.1".
    at: index => (c => c && { c, k: index - c.offset })(chapters.find(c => index >= c.offset && index < c.offset + c.slides)),
    byNumber(number) {
      const [n, h, v] = number.split('.').map(Number), c = chapters[n - 1], k = c && h ? indexOf(c, h, v | 0) : -1;
      return k >= 0 ? { c, k } : undefined;
    }
  };
})();
