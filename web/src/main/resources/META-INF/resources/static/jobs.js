// Keeps the jobs table live: polls GET /api/jobs every second and updates state, progress, words/s,
// ETA and errors; cancel and retry call the API with the token kept in this browser session.
(function () {
  var table = document.getElementById('jobs');
  if (!table) { return; }
  var body = table.tBodies[0];
  var tokenInput = document.getElementById('token');
  var message = document.getElementById('action-message');
  var live = document.getElementById('live');
  var names = {};
  tokenInput.value = sessionStorage.getItem('langscore.token') || '';
  tokenInput.addEventListener('change', function () { sessionStorage.setItem('langscore.token', tokenInput.value); });
  body.querySelectorAll('tr[data-id]').forEach(function (row) {
    names[row.dataset.modelId] = row.querySelector('.job-model a').textContent;
  });

  function duration(seconds) {
    if (!isFinite(seconds) || seconds < 0) { return '–'; }
    seconds = Math.round(seconds);
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + s + 's';
  }

  function eta(job) {
    if (job.state !== 'RUNNING' || !job.startedAt || !(job.progress > 0)) { return '–'; }
    var elapsed = (Date.now() - Date.parse(job.startedAt)) / 1000;
    return duration(elapsed * (1 - job.progress) / job.progress);
  }

  function cell(text, className) {
    var td = document.createElement('td');
    if (className) { td.className = className; }
    td.textContent = text;
    return td;
  }

  function newRow(job) {
    var none = body.querySelector('tr.none');
    if (none) { none.remove(); }
    var row = document.createElement('tr');
    row.id = 'job-' + job.id;
    row.dataset.id = job.id;
    row.dataset.modelId = job.modelId;
    var model = document.createElement('td');
    model.className = 'job-model';
    var link = document.createElement('a');
    link.textContent = names[job.modelId] || ('#' + job.modelId);
    link.href = '/models/' + encodeURIComponent(link.textContent);
    model.appendChild(link);
    row.appendChild(model);
    row.appendChild(cell(job.benchmark));
    row.appendChild(cell(job.policy));
    var state = cell('', 'state');
    state.innerHTML = '<span class="badge"></span>';
    row.appendChild(state);
    var progress = cell('', 'progress');
    progress.innerHTML = '<div class="bar"><div class="fill"></div></div><span class="percent"></span> <span class="stage"></span>';
    row.appendChild(progress);
    row.appendChild(cell('', 'speed num'));
    row.appendChild(cell('–', 'eta'));
    row.appendChild(cell('', 'num attempts'));
    row.appendChild(cell(job.createdAt ? job.createdAt.replace('T', ' ').replace(/\..*Z$/, ' UTC') : ''));
    var actions = cell('', 'actions');
    actions.innerHTML = '<button type="button" class="cancel">Cancel</button> <button type="button" class="retry">Retry</button>';
    row.appendChild(actions);
    var errorRow = document.createElement('tr');
    errorRow.className = 'error-row';
    errorRow.id = 'error-' + job.id;
    errorRow.hidden = true;
    var errorCell = cell('', 'error');
    errorCell.colSpan = 10;
    errorRow.appendChild(errorCell);
    body.insertBefore(errorRow, body.firstChild);
    body.insertBefore(row, errorRow);
    return row;
  }

  function update(job) {
    var row = document.getElementById('job-' + job.id) || newRow(job);
    var percent = Math.round(100 * job.progress) + '%';
    row.dataset.state = job.state;
    var badge = row.querySelector('.state .badge');
    badge.textContent = job.state;
    badge.className = 'badge ' + job.state;
    row.querySelector('.progress .fill').style.width = percent;
    row.querySelector('.progress .percent').textContent = percent;
    row.querySelector('.progress .stage').textContent = job.stage || '';
    row.querySelector('.speed').textContent = job.wordsPerSecond.toFixed(1);
    row.querySelector('.eta').textContent = eta(job);
    var attempts = row.querySelector('.attempts') || row.children[7];
    attempts.textContent = job.attempts;
    row.querySelector('button.cancel').hidden = !(job.state === 'QUEUED' || job.state === 'RUNNING');
    row.querySelector('button.retry').hidden = !(job.state === 'FAILED' || job.state === 'CANCELLED');
    var actions = row.querySelector('.actions');
    var scoreLink = actions.querySelector('a.score-link');
    if (job.scoreId && !scoreLink) {
      scoreLink = document.createElement('a');
      scoreLink.className = 'score-link';
      scoreLink.textContent = 'score';
      actions.appendChild(scoreLink);
    }
    if (scoreLink) { scoreLink.href = '/scores/' + job.scoreId; }
    var errorRow = document.getElementById('error-' + job.id);
    errorRow.hidden = !job.lastError;
    errorRow.firstChild.textContent = job.lastError || '';
  }

  function poll() {
    // Only the page's rows: the newest jobs, as many as the page lists.
    fetch('/api/jobs?limit=' + encodeURIComponent(table.dataset.limit), { headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (page) {
        var unknown = page.items.map(function (j) { return j.modelId; })
          .filter(function (id, i, all) { return !(id in names) && all.indexOf(id) === i; });
        var ready = Promise.all(unknown.map(function (id) {
          return fetch('/api/models/' + id).then(function (r) { return r.json(); })
            .then(function (m) { names[m.id] = m.identifier; });
        }));
        return ready.then(function () {
          page.items.slice().reverse().forEach(update);
          live.textContent = 'updated ' + new Date().toLocaleTimeString();
          live.className = 'live';
        });
      })
      .catch(function (e) { live.textContent = 'not updating: ' + e.message; live.className = 'live stale'; })
      .then(function () { setTimeout(poll, 1000); });
  }

  body.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) { return; }
    var id = button.closest('tr').dataset.id;
    var action = button.classList.contains('cancel') ? 'cancel' : 'retry';
    message.textContent = '';
    fetch('/api/jobs/' + id + '/' + action, { method: 'POST', headers: { 'Authorization': 'Bearer ' + tokenInput.value } })
      .then(function (r) {
        if (r.ok) { return r.json().then(update); }
        return r.json().then(function (problem) { message.textContent = action + ' refused: ' + problem.detail; });
      })
      .catch(function (e) { message.textContent = action + ' failed: ' + e.message; });
  });

  poll();
})();
