"""The constant CSS and JavaScript inlined in every HTML report (no CDN, no network)."""

from __future__ import annotations

CSS = """
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --link: #0969da; --mark: #fff1a8; --code-bg: #f6f8fa;
  --error: #c62828; --error-bg: #fdecea; --warning: #a35200; --warning-bg: #fff4e0;
  --info: #1f5fbf; --info-bg: #e8f0fc; --ok: #1a7f37; --ok-bg: #e6f4ea;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #30363d;
    --link: #4493f8; --mark: #5c4a00; --code-bg: #161b22;
    --error: #ff7b72; --error-bg: #3b1d1d; --warning: #e3b341; --warning-bg: #3a2a0c;
    --info: #79c0ff; --info-bg: #12263f; --ok: #56d364; --ok-bg: #12301b;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 8px 0 4px; overflow-wrap: anywhere; }
h2 {
  font-size: 1.15rem; margin: 32px 0 10px; padding-bottom: 6px;
  border-bottom: 1px solid var(--line);
}
h3 { font-size: 1rem; margin: 0; }
code, pre, .mono {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.86em;
}
.path { color: var(--muted); overflow-wrap: anywhere; }
.crumbs { font-size: 0.9rem; color: var(--muted); }
.muted { color: var(--muted); }
.pills { display: flex; flex-wrap: wrap; gap: 8px; margin: 14px 0 4px; }
.pill {
  display: inline-block; border-radius: 999px; padding: 2px 10px; font-size: 0.82rem;
  font-weight: 600; border: 1px solid transparent; white-space: nowrap;
}
.sev-error { color: var(--error); background: var(--error-bg); }
.sev-warning { color: var(--warning); background: var(--warning-bg); }
.sev-info { color: var(--info); background: var(--info-bg); }
.sev-ok { color: var(--ok); background: var(--ok-bg); }
.sev-none { color: var(--muted); background: var(--panel); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
.card {
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 14px;
}
.card .num { font-size: 1.5rem; font-weight: 700; }
.card .lbl { color: var(--muted); font-size: 0.85rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.where { color: var(--muted); font-size: 0.85rem; margin-left: 6px; }
.finding {
  border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 6px;
  padding: 10px 14px; margin: 12px 0; background: var(--bg);
}
.finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); }
.finding header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
.finding .msg { margin: 6px 0; }
.rule { font-weight: 700; }
.ctx {
  background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; margin: 8px 0;
  padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-word;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.86em;
}
div.ctx { padding: 6px 0; }
.ctx .row { display: flex; }
.ctx .row > span:last-child { flex: 1; min-width: 0; }
.ctx .ln {
  flex: none; min-width: 3.5em; padding: 0 10px 0 8px; text-align: right;
  color: var(--muted); user-select: none; border-right: 1px solid var(--line); margin-right: 10px;
}
mark { background: var(--mark); color: inherit; border-radius: 2px; padding: 0 1px; }
.fix { margin: 6px 0 0; }
.fix code { background: var(--ok-bg); color: var(--ok); padding: 1px 4px; border-radius: 4px; }
.related { margin: 6px 0 0; padding-left: 20px; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td {
  text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line);
  vertical-align: top;
}
td.date, td.nowrap { white-space: nowrap; }
td.title { min-width: 16em; }
td.path-cell {
  white-space: nowrap; max-width: 30em; overflow: hidden; text-overflow: ellipsis;
}
code { background: var(--code-bg); padding: 0 3px; border-radius: 3px; }
th { background: var(--panel); position: sticky; top: 0; z-index: 1; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: var(--line); }
td.err { color: var(--error); font-weight: 700; }
td.warn { color: var(--warning); font-weight: 600; }
td.inf { color: var(--info); }
tr:hover td { background: var(--panel); }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " \\2195"; color: var(--muted); font-size: 0.8em; }
th[aria-sort="ascending"]::after { content: " \\2191"; color: var(--fg); }
th[aria-sort="descending"]::after { content: " \\2193"; color: var(--fg); }
.filter { margin: 8px 0 12px; }
.filter input {
  width: 100%; max-width: 420px; padding: 6px 10px; border: 1px solid var(--line);
  border-radius: 6px; background: var(--bg); color: var(--fg); font: inherit;
}
.quote { max-width: 640px; }
.ok { color: var(--ok); font-weight: 600; }
.bad { color: var(--error); font-weight: 600; }
footer { margin-top: 48px; color: var(--muted); font-size: 0.82rem; }
.empty { color: var(--muted); font-style: italic; }
"""

# Click a header to sort by it (numbers descend first); type in the box to filter rows.
JS = """
(function () {
  function key(cell, numeric) {
    var v = cell.getAttribute('data-sort');
    if (v === null) { v = cell.textContent; }
    return numeric ? parseFloat(v) || 0 : v.toLowerCase();
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('th');
    heads.forEach(function (th, index) {
      th.classList.add('sortable');
      th.setAttribute('tabindex', '0');
      function sort() {
        var numeric = th.classList.contains('n');
        var asc = th.getAttribute('aria-sort') === 'descending' ||
          (th.getAttribute('aria-sort') !== 'ascending' && !numeric);
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[index], numeric), y = key(b.cells[index], numeric);
          var c = x < y ? -1 : x > y ? 1 : 0;
          if (c === 0) { c = a.getAttribute('data-i') - b.getAttribute('data-i'); return c; }
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') { sort(); } });
    });
  });
  var box = document.getElementById('filter');
  if (box) {
    box.addEventListener('input', function () {
      var q = box.value.toLowerCase();
      document.querySelectorAll('#files tbody tr').forEach(function (r) {
        r.style.display = r.textContent.toLowerCase().indexOf(q) === -1 ? 'none' : '';
      });
    });
  }
})();
"""

# Reports load nothing from anywhere: inline style and script only.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
