// Shows the fields of the chosen source, and keeps the API token for the jobs page's buttons.
(function () {
  var form = document.getElementById('submit-form');
  if (!form) { return; }
  function show() {
    var hub = document.getElementById('source-hub').checked;
    document.querySelectorAll('.source-hub').forEach(function (e) { e.style.display = hub ? '' : 'none'; });
    document.querySelectorAll('.source-local').forEach(function (e) { e.style.display = hub ? 'none' : ''; });
  }
  document.querySelectorAll('input[name=source]').forEach(function (e) { e.addEventListener('change', show); });
  show();
  var token = document.getElementById('token');
  var kept = sessionStorage.getItem('langscore.token');
  if (kept && !token.value) { token.value = kept; }
  form.addEventListener('submit', function () {
    if (token.value) { sessionStorage.setItem('langscore.token', token.value); }
  });
})();
