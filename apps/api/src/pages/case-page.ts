/**
 * The page an alert e-mail links to: one case, read through the API with the person's token (kept for this
 * browser tab only). Plain HTML and a small script, no build step.
 */
export const CASE_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ladder · case</title>
<link rel="stylesheet" href="/assets/ladder.css">
</head>
<body>
<header><strong>Ladder</strong> · follow-up case</header>
<main>
  <form id="sign-in" hidden>
    <p>Sign in with your Ladder API token to see this case.</p>
    <label>Token <input id="token" type="password" autocomplete="off" required></label>
    <button type="submit">Sign in</button>
  </form>
  <p id="state" role="status">Loading…</p>
  <article id="case" hidden>
    <h1 id="title"></h1>
    <dl id="facts"></dl>
    <h2>What the customer said</h2>
    <ul id="answers"></ul>
    <h2>History</h2>
    <ol id="history"></ol>
  </article>
</main>
<script src="/assets/case-page.js" defer></script>
</body>
</html>
`;

export const LADDER_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#222;line-height:1.5}
header{background:#1f5fa8;color:#fff;padding:12px 20px}
main{max-width:820px;margin:0 auto;padding:20px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dt{color:#555}dd{margin:0}
blockquote{margin:4px 0;padding:6px 10px;border-inline-start:4px solid #c33;background:#f7f7f7}
.overdue{color:#b00;font-weight:bold}
[role=status].error{color:#b00}
`;

export const CASE_PAGE_SCRIPT = `'use strict';
(function () {
  var caseId = decodeURIComponent(location.pathname.split('/').pop() || '');
  var state = document.getElementById('state');
  var form = document.getElementById('sign-in');
  function show(text, isError) { state.textContent = text; state.className = isError ? 'error' : ''; state.hidden = false; }
  function el(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (var key in attributes || {}) node.setAttribute(key, attributes[key]);
    return node;
  }
  function render(c) {
    document.getElementById('title').textContent = 'Case at ' + c.storeId + ' · ' + c.status;
    var facts = document.getElementById('facts');
    facts.replaceChildren();
    [['Customer', c.customerId], ['Score', c.score + ' / 10'], ['Priority', c.priority],
     ['Due', new Date(c.dueAt).toLocaleString() + (c.overdue ? ' (overdue)' : '')], ['Owner', c.ownerId || 'unclaimed'],
     ['Opened', new Date(c.createdAt).toLocaleString()]].forEach(function (pair) {
      facts.append(el('dt', pair[0]), el('dd', pair[1], pair[0] === 'Due' && c.overdue ? { class: 'overdue' } : {}));
    });
    var answers = document.getElementById('answers');
    answers.replaceChildren();
    c.answers.forEach(function (a) {
      var item = el('li', a.score + ' / 10 · ' + new Date(a.occurredAt).toLocaleString());
      if (a.comment) item.append(el('blockquote', a.comment, { dir: 'auto' }));
      answers.append(item);
    });
    var history = document.getElementById('history');
    history.replaceChildren();
    c.history.forEach(function (h) { history.append(el('li', new Date(h.at).toLocaleString() + ' · ' + h.actor + ' · ' + h.action)); });
    document.getElementById('case').hidden = false;
    state.hidden = true;
  }
  function load() {
    var token = sessionStorage.getItem('ladder-token');
    if (!token) { form.hidden = false; show('Sign in to continue.'); return; }
    show('Loading…');
    fetch('/api/cases/' + encodeURIComponent(caseId), { headers: { Authorization: 'Bearer ' + token } })
      .then(function (response) {
        if (response.status === 401) { sessionStorage.removeItem('ladder-token'); form.hidden = false; throw new Error('That token was not accepted.'); }
        if (response.status === 404) throw new Error('This case does not exist, or it is not in your stores.');
        if (!response.ok) throw new Error('Ladder could not load the case (HTTP ' + response.status + ').');
        return response.json();
      })
      .then(function (c) { form.hidden = true; render(c); })
      .catch(function (error) { show(error.message, true); });
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    sessionStorage.setItem('ladder-token', document.getElementById('token').value.trim());
    load();
  });
  load();
})();
`;
