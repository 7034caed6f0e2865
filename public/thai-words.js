// Keeps Thai compound words on one line. Chromium breaks Thai lines where ICU's dictionary sees a
// word boundary, and that dictionary splits many compounds: ตรวจ|สอบ, ผู้|ป่วย, งบ|ประมาณ,
// เจ้า|หน้าที่. This script finds those compounds (Intl.Segmenter's words, joined by the rules
// below) and wraps each in <span class="thai-word">, which does not break inside (app.css). The
// text itself is unchanged (copy, search and screen readers see the same letters). Without
// JavaScript, or without Intl.Segmenter, lines simply break where the browser's dictionary says.
(function () {
  'use strict';
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return;
  var segmenter = new Intl.Segmenter('th', { granularity: 'word' });
  var THAI = /[\u0E00-\u0E7F]/;

  // Bound prefixes: never a word on their own in running text, always the start of the next one
  // (ผู้ป่วย "patient", ความเห็น "opinion", การพิจารณา "consideration", นักเรียน, ชาวบ้าน, เจ้าหน้าที่, ใบเสร็จ).
  var PREFIXES = { ผู้: 1, ความ: 1, การ: 1, นัก: 1, ชาว: 1, เจ้า: 1, ใบ: 1, ช่าง: 1 };
  // Compounds ICU splits in two, from the words this platform uses (each pair: first|second).
  var PAIRS = {
    'ตรวจ|สอบ': 1,
    'ติด|เตียง': 1,
    'สูง|อายุ': 1,
    'งบ|ประมาณ': 1,
    'อาสา|สมัคร': 1,
    'ประเมิน|ผล': 1,
    'รายงาน|ผล': 1,
    'เยี่ยม|บ้าน': 1,
    'ภาคี|เครือ': 1,
    'เครือ|ข่าย': 1,
    'ขอ|ทุน': 1,
    'รับ|เงิน': 1,
    'ลด|หย่อน': 1,
    'คน|พิการ': 1,
    'เปราะ|บาง': 1,
    'แผน|งาน': 1,
    'เบิก|จ่าย': 1,
    'ค่า|ใช้': 1,
    'ใช้|จ่าย': 1,
    'ตัว|ชี้': 1,
    'ชี้|วัด': 1,
    'ประสาน|งาน': 1,
    'หน่วย|งาน': 1,
    'ตัว|ตน': 1,
  };
  // A joined run longer than this stays breakable, so a chain of rules can never overflow a phone.
  var MAX_LENGTH = 14;
  var SKIP = { SCRIPT: 1, STYLE: 1, TEXTAREA: 1, OPTION: 1, SELECT: 1, TITLE: 1, NOSCRIPT: 1, CODE: 1, PRE: 1 };

  // A prefix joins only when it starts the run (the การ ending a compound is not a prefix).
  function joins(previous, next, startsRun) {
    return THAI.test(next) && ((startsRun && PREFIXES[previous] === 1) || PAIRS[previous + '|' + next] === 1);
  }

  // The text cut into runs: [text, isCompound].
  function runs(text) {
    var out = [];
    var current = null;
    var last = null;
    var parts = 1;
    var iterator = segmenter.segment(text)[Symbol.iterator]();
    for (var step = iterator.next(); !step.done; step = iterator.next()) {
      var segment = step.value.segment;
      if (
        current !== null &&
        last !== null &&
        joins(last, segment, parts === 1) &&
        current.length + segment.length <= MAX_LENGTH
      ) {
        current += segment;
        parts += 1;
      } else {
        if (current !== null) out.push([current, parts > 1]);
        current = segment;
        parts = 1;
      }
      last = segment;
    }
    if (current !== null) out.push([current, parts > 1]);
    return out;
  }

  function wrap(node) {
    var pieces = runs(node.nodeValue);
    if (
      !pieces.some(function (p) {
        return p[1];
      })
    )
      return;
    var fragment = document.createDocumentFragment();
    var plain = '';
    pieces.forEach(function (piece) {
      if (!piece[1]) {
        plain += piece[0];
        return;
      }
      if (plain) fragment.appendChild(document.createTextNode(plain));
      plain = '';
      var span = document.createElement('span');
      span.className = 'thai-word';
      span.textContent = piece[0];
      fragment.appendChild(span);
    });
    if (plain) fragment.appendChild(document.createTextNode(plain));
    node.parentNode.replaceChild(fragment, node);
  }

  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      var parent = node.parentElement;
      if (!parent || SKIP[parent.tagName] || parent.closest('.thai-word, [contenteditable], svg'))
        return NodeFilter.FILTER_REJECT;
      return THAI.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  var found = [];
  for (var node = walker.nextNode(); node; node = walker.nextNode()) found.push(node);
  found.forEach(wrap);
})();
