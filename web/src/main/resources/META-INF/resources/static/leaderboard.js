// The leaderboard's filters apply as soon as a choice changes; the page state stays in the URL.
(function () {
  var form = document.getElementById('filters');
  var arch = document.getElementById('filter-arch');
  if (form && arch) {
    arch.addEventListener('change', function () { form.submit(); });
  }
})();
