// The console's idle limit ([auth] idle_minutes, in the footer's #session-note): a warning before
// it runs out, with a button that keeps the session (a signed-in request of its own, admin/session),
// so that a reply or a notice being typed is not lost when it is sent. Without script the footer
// still says the limit, and a form sent too late comes back to the sign-in form saying so.
(function () {
  'use strict';
  var note = document.getElementById('session-note');
  var main = document.getElementById('main');
  if (!note || !main || !window.fetch) return;
  var minutes = parseInt(note.getAttribute('data-idle-minutes'), 10);
  var touch = note.getAttribute('data-touch');
  if (!(minutes > 0) || !touch) return;
  var lead = Math.min(2, minutes / 2) * 60000;
  var timer = null, box = null, text = null, button = null;

  function arm() {
    clearTimeout(timer);
    timer = setTimeout(warn, minutes * 60000 - lead);
  }
  function say(words) {
    text.textContent = words;
  }
  function warn() {
    if (!box) {
      box = document.createElement('div');
      box.className = 'warning session-warning';
      box.setAttribute('role', 'alert');
      text = document.createElement('p');
      button = document.createElement('button');
      button.type = 'button';
      button.textContent = '继续使用';
      button.addEventListener('click', keep);
      box.appendChild(text);
      box.appendChild(button);
      main.insertBefore(box, main.firstChild);
    }
    say('您已较长时间没有操作，约' + Math.round(lead / 60000) + '分钟后将自动退出登录，未提交的内容不会保存。需要继续的，请点击“继续使用”。');
    box.hidden = false;
    button.hidden = false;
    button.focus();
  }
  function keep() {
    fetch(touch, {credentials: 'same-origin', cache: 'no-store', redirect: 'manual'}).then(function (r) {
      if (r.status === 204) {
        box.hidden = true;
        arm();
      } else {
        say('登录已失效。请在新的窗口中重新登录，再回到本页提交（本页填写的内容仍在）。');
        button.hidden = true;
      }
    }, function () {
      say('暂时无法连接服务器，请稍后再点击“继续使用”。');
    });
  }
  arm();
}());
