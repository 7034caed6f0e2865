// Repeats the chosen amount on the donate button, and makes typing an amount choose "other".
// Without this script the form still works: a typed amount always wins on the server, and the
// button simply does not repeat it.
(function () {
  'use strict';
  var form = document.querySelector('form[data-donate-form]');
  if (!form) return;
  var echo = form.querySelector('[data-amount-echo]');
  var typed = form.querySelector('input[name="customAmount"]');
  var lang = document.documentElement.lang === 'en' ? 'en-US' : 'th-TH';

  // The same rules as the server: digits, commas only between thousands, up to two decimals.
  function parse(text) {
    var value = text.trim().replace(/^฿\s*/, '');
    if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(value)) return null;
    var amount = Number(value.replace(/,/g, ''));
    return amount > 0 ? amount : null;
  }
  function show(amount) {
    if (!echo) return;
    if (amount === null) {
      echo.textContent = '';
      echo.hidden = true;
      return;
    }
    var whole = Math.round(amount * 100) % 100 === 0;
    echo.textContent =
      '฿' +
      new Intl.NumberFormat(lang, { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(amount);
    echo.hidden = false;
  }
  // "Add the fee": the amount added at the card rate, rounded up to the satang as the server does.
  var cover = form.querySelector('input[data-cover-fee]');
  var coverAmount = form.querySelector('[data-cover-amount]');
  function baht(amount) {
    var whole = Math.round(amount * 100) % 100 === 0;
    return (
      '฿' +
      new Intl.NumberFormat(lang, { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(amount)
    );
  }
  function showCover(amount) {
    if (!cover || !coverAmount) return;
    var bp = Number(cover.getAttribute('data-cover-fee'));
    if (amount === null || !(bp > 0)) {
      coverAmount.hidden = true;
      return;
    }
    var satang = Math.round(amount * 100);
    var extra = Math.ceil((satang * 10000) / (10000 - bp)) - satang;
    coverAmount.textContent = '(+' + baht(extra / 100) + ')';
    coverAmount.hidden = false;
  }
  function update() {
    var chosen = form.querySelector('input[name="amount"]:checked');
    var amount =
      typed && typed.value.trim() !== ''
        ? parse(typed.value)
        : chosen && chosen.value !== 'other'
          ? parse(chosen.value)
          : null;
    showCover(amount);
    if (amount !== null && cover && cover.checked && coverAmount && !coverAmount.hidden) {
      var bp = Number(cover.getAttribute('data-cover-fee'));
      var satang = Math.round(amount * 100);
      amount = Math.ceil((satang * 10000) / (10000 - bp)) / 100;
    }
    show(amount);
  }
  if (typed) {
    typed.addEventListener('input', function () {
      var other = form.querySelector('input[name="amount"][value="other"]');
      if (other && typed.value.trim() !== '') other.checked = true;
      update();
    });
  }
  form.addEventListener('change', update);
  update();
})();
