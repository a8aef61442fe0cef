/* Recherche dans le site, sans serveur : le formulaire de la page
   « Rechercher » charge l'index préparé à la construction (un fichier JSON)
   et affiche les pages qui contiennent tous les mots cherchés. Sans
   JavaScript, la page renvoie au plan du site. Le nombre de résultats est
   annoncé par une zone role="status", une erreur par une zone role="alert"
   (le champ est alors marqué aria-invalid) ; le titre de la page reprend
   les mots cherchés. */
(function () {
  'use strict';
  var form = document.getElementById('recherche');
  if (!form || !window.fetch || !''.normalize) return;
  var input = form.elements.q;
  var status = document.getElementById('recherche-etat');
  var list = document.getElementById('recherche-resultats');
  var help = document.getElementById('recherche-aide');
  var error = document.getElementById('recherche-erreur');
  var title = document.title;
  document.getElementById('recherche-sans-js').hidden = true;
  var index;
  var SVG = 'http://www.w3.org/2000/svg';

  function norm(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  }
  function load() {
    index = index || fetch(form.getAttribute('data-index')).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (pages) {
      return pages.map(function (p) {
        return { p: p, t: norm(p.t + ' ' + (p.l || '')), s: norm(p.s), x: norm(p.x) };
      });
    });
    return index;
  }
  function score(e, words) {
    var n = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], k = 0;
      if (e.t.indexOf(w) >= 0) k += 10;
      if (e.s.indexOf(w) >= 0) k += 3;
      if (e.x.indexOf(w) >= 0) k += 1;
      if (!k) return 0;
      n += k;
    }
    return n;
  }
  // An extract of the text around the first word found.
  function extract(p, words) {
    var text = p.x || p.s || '', low = norm(text), at = -1;
    for (var i = 0; i < words.length && at < 0; i++) at = low.indexOf(words[i]);
    if (at < 0) return p.s || '';
    var from = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 60)));
    var to = text.indexOf(' ', Math.min(text.length, at + 140));
    if (to < 0) to = text.length;
    return (from > 0 ? '… ' : '') + text.slice(from, to).trim() + (to < text.length ? ' …' : '');
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  // card shows an indicator's standing as the pages' indicator card does
  // (layouts/partials/results.html): its state in words with its icon, its
  // latest value and its targets, all read from the index (k).
  function card(k) {
    var box = el('div', 'search-card');
    var state = el('p', 'ind-state'), badge = el('span', 'status is-' + k.c);
    var svg = document.createElementNS(SVG, 'svg'), path = document.createElementNS(SVG, 'path');
    svg.setAttribute('class', 'status-icon');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('width', '16');
    svg.setAttribute('height', '16');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    path.setAttribute('d', k.i);
    svg.appendChild(path);
    badge.appendChild(svg);
    badge.appendChild(document.createTextNode(k.e));
    state.appendChild(badge);
    box.appendChild(state);
    var dl = el('dl', 'ind-facts');
    dl.appendChild(el('dt', '', 'Dernière valeur'));
    var v = el('dd', 'ind-value');
    if (k.v) {
      v.appendChild(el('span', 'value', k.v));
      if (k.w) v.appendChild(el('span', 'when', ' (' + k.w + ')'));
    } else {
      v.appendChild(el('span', 'none', 'aucune valeur publiée'));
    }
    dl.appendChild(v);
    dl.appendChild(el('dt', '', 'Objectif'));
    var g = el('dd');
    if (k.g && k.g.length) g.textContent = k.g.join('\u202f; ');
    else g.appendChild(el('span', 'none', 'sans objectif chiffré'));
    dl.appendChild(g);
    box.appendChild(dl);
    if (k.d) box.appendChild(el('p', 'ind-departure', k.d + '.'));
    return box;
  }
  // fail says what went wrong in the alert region, and the page title.
  function fail(msg) {
    status.textContent = '';
    error.textContent = msg;
    document.title = 'Erreur\u00a0: ' + title;
  }
  function show(q) {
    var words = norm(q).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; });
    list.textContent = '';
    list.hidden = true;
    help.hidden = true;
    error.textContent = '';
    if (!words.length) {
      input.setAttribute('aria-invalid', 'true');
      fail('Le champ «\u00a0Rechercher dans le site\u00a0» ne contient aucun mot de deux lettres ou plus\u202f: saisissez par exemple «\u00a0clause\u00a0» ou «\u00a0véhicules\u00a0».');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    document.title = 'Résultats pour «\u00a0' + q.trim() + '\u00a0» — ' + title;
    status.textContent = 'Recherche en cours…';
    load().then(function (entries) {
      var found = entries.map(function (e) { return { e: e, n: score(e, words) }; })
        .filter(function (r) { return r.n > 0; })
        .sort(function (a, b) { return b.n - a.n; });
      found.slice(0, 50).forEach(function (r) {
        var p = r.e.p, li = el('li'), a = el('a', '', p.t);
        a.href = p.u;
        var h = el('p', 'search-title');
        h.appendChild(a);
        if (p.l) li.appendChild(el('p', 'kicker', p.l));
        li.appendChild(h);
        if (p.k) li.appendChild(card(p.k));
        li.appendChild(el('p', 'search-extract', extract(p, words)));
        list.appendChild(li);
      });
      list.hidden = !found.length;
      help.hidden = found.length > 0;
      status.textContent = found.length
        ? found.length + (found.length > 1 ? ' pages trouvées' : ' page trouvée') + ' pour «\u00a0' + q.trim() + '\u00a0»' + (found.length > 50 ? '\u202f; les 50 premières sont affichées.' : '.')
        : 'Aucune page ne contient «\u00a0' + q.trim() + '\u00a0». Essayez un autre mot.';
    }).catch(function () {
      fail('La recherche est indisponible pour le moment. Consultez le plan du site.');
      document.getElementById('recherche-sans-js').hidden = false;
    });
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = input.value;
    if (window.history && history.replaceState) history.replaceState(null, '', '?q=' + encodeURIComponent(q));
    show(q);
  });
  var q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    show(q);
  }
})();
