// The console's idle limit ([auth] idle_minutes, in the footer's #session-note). Typing, clicking
// and scrolling on the page count as activity: while there is some, the session is kept in the
// background (admin/session, a signed-in request of its own), so a reply or a notice being typed
// is not lost when it is sent. Only a page left alone gets the warning, with a button that keeps
// the session. The server's idle clock may lag a minute behind its last request (core/auth.c),
// so the warning comes that much early. Without script the footer still says the limit, and a
// form sent too late comes back to the sign-in form saying so. Once the session has ended, the
// page's forms stay sendable after the same person signs in again in another tab of this browser,
// until [auth] max_hours after the sign-in they were opened under (data-forms-seconds, core/auth.c):
// the warning says so, and goes away when the page finds itself signed in again.
(function () {
  'use strict';
  var note = document.getElementById('session-note');
  var main = document.getElementById('main');
  if (!note || !main || !window.fetch) return;
  var minutes = parseInt(note.getAttribute('data-idle-minutes'), 10);
  var touch = note.getAttribute('data-touch');
  var login = note.getAttribute('data-login');
  var formsEnd = Date.now() + 1000 * (parseInt(note.getAttribute('data-forms-seconds'), 10) || 0);
  if (!(minutes > 0) || !touch) return;
  var limit = minutes * 60000;
  var lag = Math.min(60000, limit / 4);
  var lead = Math.min(120000, limit / 4);
  var kept = Date.now() - lag, active = false, timer = null, box = null, text = null, button = null, link = null;

  function seen() {
    active = true;
  }
  function arm() {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(5000, kept + limit - lead - Date.now()));
  }
  function ping(then) {
    fetch(touch, {credentials: 'same-origin', cache: 'no-store', redirect: 'manual'}).then(function (r) {
      if (r.status === 204) kept = Date.now();
      then(r.status === 204);
    }, function () {
      then(false);
    });
  }
  function check() {
    if (active) {
      active = false;
      ping(function () { arm(); });
    } else {
      warn();
    }
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
      link = document.createElement('a');
      link.href = login || '';
      link.target = '_blank';
      link.textContent = '在新标签页中重新登录';
      box.appendChild(text);
      box.appendChild(button);
      box.appendChild(link);
      main.insertBefore(box, main.firstChild);
    }
    text.textContent = '您已较长时间没有操作，即将自动退出登录，未提交的内容不会保存。需要继续的，请点击“继续使用”（在本页打字也可以）。';
    box.hidden = false;
    button.hidden = false;
    link.hidden = true;
    timer = setTimeout(watch, 1000);
  }
  // While the warning shows, any activity keeps the session as the button does.
  function watch() {
    if (active) keep();
    else if (Date.now() < kept + limit) timer = setTimeout(watch, 1000);
    else expired();
  }
  // Keeps the session (the page was in use): the warning goes; else failed().
  function resume(failed) {
    active = false;
    ping(function (ok) {
      if (ok) {
        box.hidden = true;
        arm();
      } else {
        failed();
      }
    });
  }
  function keep() {
    resume(expired);
  }
  function expired() {
    clearTimeout(timer);
    button.hidden = true;
    if (Date.now() < formsEnd - lead && login) {
      text.textContent = '登录已失效。请在新标签页中用同一账号重新登录，然后回到本页提交，本页填写的内容不会丢失（请不要刷新本页）。';
      link.hidden = false;
      timer = setTimeout(again, 2000);
    } else {
      text.textContent = '登录已失效，本页不能再提交。请先复制本页上填写的内容，再刷新页面重新登录。';
      link.hidden = true;
    }
  }
  // Signed in again in another tab: the browser's cookie is now the new session's, and the page
  // is kept again. Asked only when the person is back on the page (activity, or the tab's focus),
  // so that a page left open does not call the server all night.
  function again() {
    if (Date.now() >= formsEnd - lead) {
      expired();
    } else if (!active) {
      timer = setTimeout(again, 2000);
    } else {
      resume(function () { timer = setTimeout(again, 2000); });
    }
  }
  ['keydown', 'input', 'pointerdown', 'scroll'].forEach(function (e) {
    document.addEventListener(e, seen, {capture: true, passive: true});
  });
  window.addEventListener('focus', seen);
  arm();
}());
