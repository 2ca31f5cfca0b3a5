// The 标准/大字 buttons (xslt/_layout.xsl, template text-size): aria-pressed on each, true on the
// size in force. The page is the same for every reader; text-size.css, which follows the reader's
// cookie, names the size in --xxgk-text on the root. Without script the buttons work as before.
(function () {
  'use strict';
  var size = getComputedStyle(document.documentElement).getPropertyValue('--xxgk-text').trim();
  if (size !== 'large' && size !== 'normal') return;
  var buttons = document.querySelectorAll('.text-size button[name="size"]');
  for (var i = 0; i < buttons.length; i++)
    buttons[i].setAttribute('aria-pressed', buttons[i].value === size ? 'true' : 'false');
}());
