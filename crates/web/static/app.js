// Trellis progressive enhancement: search as you type, and forms that apply on change.
// Every page works without this file; it only saves clicks.
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  var input = form && form.querySelector('input[name="q"]');
  if (input) {
    var list = document.getElementById('search-results');
    var timer = null, seq = 0, active = -1, items = [];
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', 'search-results');
    input.setAttribute('aria-expanded', 'false');
    var close = function () {
      list.hidden = true; list.innerHTML = ''; items = []; active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    };
    var select = function (i) {
      if (!items.length) return;
      active = (i + items.length) % items.length;
      items.forEach(function (li, k) { li.setAttribute('aria-selected', k === active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', items[active].id);
      items[active].scrollIntoView({ block: 'nearest' });
    };
    var render = function (results) {
      list.innerHTML = '';
      items = results.map(function (r, k) {
        var li = document.createElement('li');
        li.id = 'sr-' + k; li.setAttribute('role', 'option'); li.setAttribute('aria-selected', 'false');
        var a = document.createElement('a'); a.href = r.url; a.tabIndex = -1;
        a.textContent = r.label;
        var kind = document.createElement('span'); kind.className = 'kind'; kind.textContent = r.kind;
        a.appendChild(kind); li.appendChild(a); list.appendChild(li);
        return li;
      });
      active = -1;
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    };
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch('/api/v1/search?limit=8&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) { if (mine === seq) render(data.items || []); })
          .catch(function () { close(); });
      }, 120);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); select(active + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); select(active - 1); }
      else if (e.key === 'Escape') { close(); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); window.location = items[active].querySelector('a').href; }
    });
    document.addEventListener('click', function (e) { if (!form.contains(e.target)) close(); });
  }
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });
})();
