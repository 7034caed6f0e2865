// Dependent province → district → sub-district drop-downs. Without this script the form still
// works: the person picks a province and presses "show places" to get its districts.
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'en' ? 'en' : 'th';
  var urls = {
    district: function (code) {
      return '/api/v1/areas/provinces/' + encodeURIComponent(code) + '/districts';
    },
    subDistrict: function (code) {
      return '/api/v1/areas/districts/' + encodeURIComponent(code) + '/sub-districts';
    },
  };
  function reset(select) {
    while (select.options.length > 1) select.remove(1);
    select.value = '';
  }
  function fill(select, url) {
    fetch(url, { headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.ok ? res.json() : { data: [] };
      })
      .then(function (body) {
        body.data.forEach(function (place) {
          var option = document.createElement('option');
          option.value = place.code;
          option.textContent = place[lang] || place.th;
          select.appendChild(option);
        });
      })
      .catch(function () {
        /* the no-script path still works */
      });
  }
  document.querySelectorAll('.no-js-only').forEach(function (el) {
    el.hidden = true;
  });
  document.querySelectorAll('select[data-area-child]').forEach(function (parent) {
    var child = document.getElementById(parent.getAttribute('data-area-child'));
    if (!child) return;
    parent.addEventListener('change', function () {
      reset(child);
      var grandchildId = child.getAttribute('data-area-child');
      if (grandchildId && document.getElementById(grandchildId)) reset(document.getElementById(grandchildId));
      if (!parent.value) return;
      fill(child, /^\d{2}$/.test(parent.value) ? urls.district(parent.value) : urls.subDistrict(parent.value));
    });
  });
})();
