/* xxgk embed: the script alternative to SSI for CMS pages (cms-integration/embed/).
 *
 *   <div data-xxgk-fragment="/xxgk/lincang/fragment/D04.html?n=5">
 *     <a href="/xxgk/lincang/c/D04">政府采购</a>
 *   </div>
 *   <script src="/xxgk-static/embed.js" defer></script>
 *
 * Every element with data-xxgk-fragment gets the list that URL returns in place of its own
 * content (which stays as the fallback when scripts are off or the request fails). The fragment
 * is rebuilt element by element from a short allow-list (ul, li, a with http(s) or site-relative
 * href, time, p, span), so nothing in it can run script; its site-relative links are made
 * absolute on the host the fragment came from. No inline script is needed (CSP
 * script-src 'self' is enough); for a fragment on another host, xxgk answers with
 * Access-Control-Allow-Origin: *. ES5, no dependencies. */
(function () {
  'use strict';

  var ALLOWED = { UL: 1, LI: 1, A: 1, TIME: 1, P: 1, SPAN: 1 };
  var ATTRS = { 'class': 1, 'datetime': 1, 'aria-label': 1, 'data-column': 1, 'data-status': 1 };

  function safeHref(href) {
    return /^https?:\/\//i.test(href) || (href.charAt(0) === '/' && href.charAt(1) !== '/');
  }

  /* "https://host" of a URL, relative ones resolved against this page. */
  function originOf(url) {
    var a = document.createElement('a');
    a.href = url;
    return a.protocol + '//' + a.host;
  }

  /* A copy of node made only of allowed elements, attributes and text; site-relative links
   * are made absolute on the fragment's origin. */
  function copy(node, doc, origin) {
    if (node.nodeType === 3) {
      return doc.createTextNode(node.nodeValue);
    }
    if (node.nodeType !== 1 || !ALLOWED[node.nodeName.toUpperCase()]) {
      return null;
    }
    var el = doc.createElement(node.nodeName.toLowerCase());
    for (var i = 0; i < node.attributes.length; i++) {
      var a = node.attributes[i];
      if (ATTRS[a.name]) {
        el.setAttribute(a.name, a.value);
      } else if (a.name === 'href' && el.nodeName === 'A' && safeHref(a.value)) {
        el.setAttribute('href', a.value.charAt(0) === '/' ? origin + a.value : a.value);
      }
    }
    for (var c = node.firstChild; c; c = c.nextSibling) {
      var k = copy(c, doc, origin);
      if (k) {
        el.appendChild(k);
      }
    }
    return el;
  }

  function fill(target, html, origin) {
    var parsed = new DOMParser().parseFromString(html, 'text/html');
    var list = parsed.body && parsed.body.firstElementChild;
    var clean = list ? copy(list, document, origin) : null;
    if (!clean) {
      return;
    }
    while (target.firstChild) {
      target.removeChild(target.firstChild);
    }
    target.appendChild(clean);
    target.setAttribute('data-xxgk-loaded', 'true');
  }

  function load(target) {
    var url = target.getAttribute('data-xxgk-fragment');
    if (!url || !safeHref(url)) {
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open('GET', url, true);
    xhr.onload = function () {
      if (xhr.status === 200) {
        fill(target, xhr.responseText, originOf(url));
      } else {
        target.setAttribute('data-xxgk-error', String(xhr.status));
      }
    };
    xhr.onerror = function () {
      target.setAttribute('data-xxgk-error', 'network');
    };
    xhr.send();
  }

  function start() {
    var targets = document.querySelectorAll('[data-xxgk-fragment]');
    for (var i = 0; i < targets.length; i++) {
      load(targets[i]);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
