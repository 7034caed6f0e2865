// The application form's budget total, updated while typing, against the call's maximum.
// Without this script the form still works: the server computes the same total on every save
// (and "add a row" saves too). Amounts are whole satang, never floating-point baht.
(function () {
  'use strict';
  var box = document.querySelector('[data-budget-total]');
  var fieldset = document.querySelector('[data-budget]');
  if (!box || !fieldset) return;
  var maxSatang = Number(box.getAttribute('data-max-satang'));
  var totalOut = box.querySelector('[data-total]');
  var over = box.querySelector('[data-over]');
  var overAmount = box.querySelector('[data-over-amount]');
  var announce = fieldset.querySelector('[data-total-announce]');
  var locale = document.documentElement.lang === 'en' ? 'en-US' : 'th-TH';
  var thaiDigits = '๐๑๒๓๔๕๖๗๘๙';
  var grouped = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;

  function normalise(text) {
    return text.trim().replace(/[๐-๙]/g, function (d) {
      return String(thaiDigits.indexOf(d));
    });
  }
  // The same rules as the server (shared/money.ts): grouped digits, at most two decimals.
  function satangOf(text) {
    var value = normalise(text)
      .replace(/^฿\s*/, '')
      .replace(/\s*(บาท|THB|baht)$/i, '');
    var match = /^([\d,]{1,16})(?:\.(\d{1,2}))?$/.exec(value);
    if (!match || !grouped.test(match[1])) return null;
    var digits = match[1].replace(/,/g, '');
    if (digits.length > 12) return null;
    return Number(digits) * 100 + Number((match[2] || '').padEnd(2, '0'));
  }
  // The server's rule (shared/money.ts parseWholeNumber, grants MAX_QUANTITY): grouped digits, 1 to 1,000,000.
  function quantityOf(text) {
    var value = normalise(text);
    if (!grouped.test(value)) return null;
    var n = Number(value.replace(/,/g, ''));
    return n > 0 && n <= 1000000 ? n : null;
  }
  function money(satang) {
    var baht = Math.floor(satang / 100);
    var rest = satang % 100;
    var text = new Intl.NumberFormat(locale, { useGrouping: true }).format(baht);
    return '฿' + (rest === 0 ? text : text + '.' + String(rest).padStart(2, '0'));
  }
  var timer = null;
  function update() {
    var total = 0;
    var rows = fieldset.querySelectorAll('[data-budget-row]');
    for (var i = 0; i < rows.length; i++) {
      var q = rows[i].querySelector('[data-quantity]');
      var c = rows[i].querySelector('[data-unit-cost]');
      var quantity = q ? quantityOf(q.value) : null;
      var cost = c ? satangOf(c.value) : null;
      if (quantity !== null && cost !== null) total += quantity * cost;
    }
    totalOut.textContent = money(total);
    var above = total - maxSatang;
    over.hidden = !(above > 0);
    if (above > 0) overAmount.textContent = money(above);
    if (announce) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        announce.textContent = box.textContent.replace(/\s+/g, ' ').trim();
      }, 800);
    }
  }
  fieldset.addEventListener('input', update);
  update();
})();
