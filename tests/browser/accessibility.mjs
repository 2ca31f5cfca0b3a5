// Accessibility checks that axe-core does not make, one a call (t.made.check), from
// tests/integration/test_accessibility.py; t.made: {site, notice, request, login, password, check}.
//   focus: every focusable thing on public and console pages, focused: its outline has 3:1 or
//          more against the background around it, and its inner ring (box-shadow) 3:1 or more
//          against the outline (WCAG 1.4.11; technique C40), on white, #f6f6f4 and both dark bars.
//   narrow-public: the public pages at 320 px, in the standard and the larger text (大字, chosen
//          with its button): none wider than the viewport (WCAG 1.4.10).
//   text-size: the 字号 buttons are a group named 字号, and aria-pressed says which size is in
//          force, in either size (set by static/text-size.js from text-size.css).
//   narrow-console: the console's pages of a request (long names, credit code, identity number,
//          mail address) and the queue at 320 px: none wider than the viewport.
//   idle-warning: the console's idle warning leaves the focus and the scroll where they were.
//   refused-letter: a correction notice refused for its empty 需要补正的事项: the links from the
//          top alert and the error box take the focus to that field, marked and described.
//   signed-in-again: a step's form left open when the session ended is sent after signing in
//          again in another tab (t.made.again_request: a request of its own).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { assert } from './lib.mjs';

// WCAG's relative luminance and contrast ratio, of colours as the browser computes them.
function rgb(css) {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css || '');
  return m ? { c: [+m[1], +m[2], +m[3]], a: m[4] === undefined ? 1 : +m[4] } : null;
}
function luminance([r, g, b]) {
  const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
const hex = c => '#' + c.map(v => Math.round(v).toString(16).padStart(2, '0')).join('');

async function signIn(page, base, made) {
  await page.goto(`${base}/xxgk/${made.site}/admin/login`);
  await page.getByLabel('用户名').fill(made.login);
  await page.getByLabel('密码').fill(made.password);
  await page.getByRole('button', { name: '登录' }).click();
  assert((await page.locator('h1').textContent()) === '工作台', 'signed in');
}

// Each visible focusable element, focused: its outline's colour and width, its box-shadow's
// colour, and the background just outside it (what is painted under a point 4 px to its left,
// else its parent's), as [r, g, b].
async function focusRings(page) {
  const n = await page.evaluate(() => {
    const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')];
    all.forEach((el, i) => el.setAttribute('data-ring', i));
    return all.length;
  });
  const rings = [];
  for (let i = 0; i < n; i++) {
    const el = page.locator(`[data-ring="${i}"]`);
    const seen = await el.evaluate(e => {
      const r = e.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('details:not([open]) > :not(summary)');
    });
    if (!seen) continue;
    await el.focus();
    rings.push(await el.evaluate(e => {
      const opaque = c => c && c !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(c);
      const bgOf = node => {
        for (let a = node; a && a.nodeType === 1; a = a.parentElement) {
          const c = getComputedStyle(a).backgroundColor;
          if (opaque(c)) return c;
        }
        return 'rgb(255, 255, 255)';
      };
      e.scrollIntoView({ block: 'center', inline: 'center' });
      const r = e.getBoundingClientRect();
      const under = document.elementsFromPoint(r.left - 4, r.top + r.height / 2)
        .find(x => x !== e && !e.contains(x) && !x.contains(e)) || e.parentElement;
      const s = getComputedStyle(e);
      return {
        what: `${e.tagName.toLowerCase()} “${(e.textContent || e.value || e.name || '').trim().slice(0, 12)}”`,
        style: s.outlineStyle, width: parseFloat(s.outlineWidth), outline: s.outlineColor,
        shadow: (/rgba?\([^)]*\)/.exec(s.boxShadow) || [null])[0], bg: bgOf(under && !under.contains(e) ? under : e.parentElement),
      };
    }));
  }
  return rings;
}

async function focus({ base, page, made }) {
  const site = `${base}/xxgk/${made.site}/`;
  const pages = [site, `${site}n/${made.notice}`, `${site}ysqgk/`];
  const admin = ['', 'requests', `requests/${made.request}`, `notices/${made.notice}`];
  const failures = [];
  const backgrounds = new Map();
  const look = async label => {
    for (const r of await focusRings(page)) {
      const o = rgb(r.outline), sh = rgb(r.shadow), bg = rgb(r.bg);
      const against = contrast(o.c, bg.c), rings = sh ? contrast(o.c, sh.c) : 0;
      const k = hex(bg.c);
      backgrounds.set(k, Math.min(backgrounds.get(k) ?? 99, against));
      if (r.style === 'none' || r.width < 2 || against < 3 || rings < 3)
        failures.push(`${label}: ${r.what}: outline ${r.style} ${r.width}px ${hex(o.c)} on ${k} ${against.toFixed(2)}:1, ` +
          `inner ring ${sh ? hex(sh.c) : 'none'} ${rings.toFixed(2)}:1`);
    }
  };
  await page.setViewportSize({ width: 1366, height: 900 });
  for (const p of pages) { await page.goto(p); await look(p); }
  await signIn(page, base, made);
  for (const p of admin) { await page.goto(`${site}admin/${p}`); await look(`admin/${p}`); }
  for (const bg of ['#ffffff', '#f6f6f4', '#a4161a', '#23364d'])
    assert(backgrounds.has(bg), `a focusable element on ${bg} (seen: ${[...backgrounds.keys()].join(' ')})`);
  assert(failures.length === 0, [...new Set(failures)].slice(0, 30).join('\n'));
  console.log('focus ring, lowest contrast on each background: ' +
    [...backgrounds].map(([k, v]) => `${k} ${v.toFixed(2)}:1`).join(', '));
}

// How much wider than the viewport the page is, and the widest element that sticks out.
async function overflowAt(page) {
  return page.evaluate(() => {
    const over = document.documentElement.scrollWidth - window.innerWidth;
    let worst = '';
    if (over > 0) {
      let most = 0;
      for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.right - window.innerWidth > most) {
          most = r.right - window.innerWidth;
          worst = `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(r.width)} px wide`;
        }
      }
    }
    return { over, worst };
  });
}

async function narrowPublic({ base, page, made }) {
  const site = `${base}/xxgk/${made.site}/`;
  const paths = ['', 'c/D04', 'c/D04.C01', `n/${made.notice}`, 'search?q=%E5%85%AC%E5%91%8A', 'catalog', 'ysqgk/',
    'ysqgk/query'];
  const failures = [];
  await page.setViewportSize({ width: 320, height: 640 });
  for (const size of ['标准', '大字']) {
    await page.goto(site);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: size }).click()]);
    const px = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    assert(px === (size === '大字' ? '20px' : '16px'), `${size}: ${px}`);
    for (const p of paths) {
      await page.goto(site + p);
      const { over, worst } = await overflowAt(page);
      if (over > 0) failures.push(`${size} ${p || 'home'} at 320 px: ${over} px wider than the viewport (${worst})`);
    }
  }
  assert(failures.length === 0, failures.join('\n'));
}

async function narrowConsole({ base, page, made }) {
  const admin = `${base}/xxgk/${made.site}/admin/`;
  const failures = [];
  await page.setViewportSize({ width: 320, height: 640 });
  await signIn(page, base, made);
  for (const p of [`requests/${made.request}`, `requests/${made.person_request}`, 'requests', '']) {
    await page.goto(admin + p);
    const { over, worst } = await overflowAt(page);
    if (over > 0) failures.push(`admin/${p} at 320 px: ${over} px wider than the viewport (${worst})`);
  }
  assert(failures.length === 0, failures.join('\n'));
}

async function textSize({ base, page, made }) {
  const notice = `${base}/xxgk/${made.site}/n/${made.notice}`;
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(notice);
  const group = page.getByRole('group', { name: '字号' });
  assert(await group.count() === 1, 'one group named 字号');
  const pressed = async () => [await group.getByRole('button', { name: '标准' }).getAttribute('aria-pressed'),
    await group.getByRole('button', { name: '大字' }).getAttribute('aria-pressed')].join(' ');
  assert(await pressed() === 'true false', `standard size: aria-pressed ${await pressed()}`);
  assert(await group.getByRole('button', { name: '标准', pressed: true }).count() === 1, 'standard pressed, as exposed');
  await Promise.all([page.waitForNavigation(), group.getByRole('button', { name: '大字' }).click()]);
  assert(await pressed() === 'false true', `larger size: aria-pressed ${await pressed()}`);
  await page.goto(`${base}/xxgk/${made.site}/`);
  assert(await pressed() === 'false true', `larger size on the next page: aria-pressed ${await pressed()}`);
  await Promise.all([page.waitForNavigation(), group.getByRole('button', { name: '标准' }).click()]);
  assert(await pressed() === 'true false', `standard again: aria-pressed ${await pressed()}`);
}

// The idle warning (xslt/static/session.js, 30 minutes here), on the page's clock run forward:
// typing keeps the session in the background and no warning comes; a page left alone gets it,
// without taking the focus or the scroll from where the person was; 继续使用 keeps the session.
async function idleWarning({ base, page, made }) {
  await page.clock.install();
  await signIn(page, base, made);
  const touched = [];
  page.on('request', r => { if (r.url().endsWith('/admin/session')) touched.push(r.url()); });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${base}/xxgk/${made.site}/admin/requests/${made.person_request}`);
  await page.locator('details.step summary').first().click(); // a step's form, opened
  const field = page.locator('details.step[open] :is(input[type=text], textarea)').first();
  await field.scrollIntoViewIfNeeded();
  await field.focus();
  const typing = await page.evaluate(() => document.activeElement.id);
  assert(typing, 'typing in a step\'s form');
  const warning = page.locator('.session-warning');
  for (let minute = 0; minute < 40; minute += 5) { // typing now and then, for 40 minutes
    await page.keyboard.type('字');
    await page.clock.runFor(5 * 60000);
  }
  await page.waitForTimeout(300); // the pings' answers
  assert(touched.length >= 1, 'typing kept the session in the background');
  assert(await warning.count() === 0 || !(await warning.isVisible()), 'no warning while typing');
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.clock.runFor(30 * 60000); // the last typing still counts once
  await page.waitForTimeout(300);
  await page.clock.runFor(30 * 60000); // then left alone
  assert(await warning.isVisible(), 'a page left alone gets the warning');
  assert(await warning.getAttribute('role') === 'alert', 'announced');
  assert(await page.evaluate(() => document.activeElement.id) === typing, 'the focus stays in the field');
  assert(await page.evaluate(() => window.scrollY) === scrolled, 'the page is not scrolled away');
  const before = touched.length;
  await warning.getByRole('button', { name: '继续使用' }).click();
  await page.waitForTimeout(300);
  assert(touched.length === before + 1 && !(await warning.isVisible()), '继续使用 keeps the session');
  assert((await field.inputValue()).includes('字'), 'what was typed is there');
}

// A correction notice sent from its form with 需要补正的事项 left empty: the alert at the top leads
// to the error box, whose link takes the focus to that field, marked and described by the error;
// what was typed is still there.
async function refusedLetter({ base, page, made }) {
  await signIn(page, base, made);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${base}/xxgk/${made.site}/admin/requests/${made.person_request}`);
  const step = page.locator('details.step', { has: page.locator('summary', { hasText: /^告知补正$/ }) });
  await step.locator('summary').click();
  await step.getByLabel('内部说明（不向申请人公开）').fill('补正前核对');
  await Promise.all([page.waitForNavigation(), step.getByRole('button', { name: '告知补正' }).click()]);
  const top = page.locator('#step-refused');
  assert(await top.getAttribute('role') === 'alert', 'the refusal is announced at the top');
  assert((await top.textContent()).includes('（请填写需要补正的事项）'), `says what is missing: ${await top.textContent()}`);
  await top.getByRole('link', { name: '转到办理' }).click();
  await page.locator('#step-error').getByRole('link', { name: '转到出错的项目' }).click();
  const focused = await page.evaluate(() => {
    const e = document.activeElement;
    return { id: e.id, invalid: e.getAttribute('aria-invalid'), said: document.getElementById(e.getAttribute('aria-describedby'))?.textContent };
  });
  assert(focused.id === 'what-correction', `the link takes the focus to the field: ${focused.id}`);
  assert(focused.invalid === 'true' && (focused.said || '').includes('需要补正的事项'), `marked and described: ${JSON.stringify(focused)}`);
  assert(await page.locator('#what-correction').isVisible(), 'the field is shown');
  assert(await page.locator('#note-correction').inputValue() === '补正前核对', 'what was typed is there');
}

// The session of the browser's cookie ends on the server as after the idle limit (its last
// request moved back past it, in the stack's database).
async function idleOnServer(context, varDir) {
  const cookie = (await context.cookies()).find(c => c.name === 'xxgk_session');
  const hash = createHash('sha256').update(cookie.value).digest('hex');
  execFileSync('mariadb', ['--no-defaults', '-S', `${varDir}/mysql/sock`, '-u', 'root', 'xxgk', '-e',
    `UPDATE sessions SET last_seen = NOW() - INTERVAL 31 MINUTE WHERE id_hash = '${hash}'`]);
}

// The idle limit passes over a step's form being filled in; the warning says to sign in again in
// a new tab and come back, which the person does; the warning goes when they are back, and the
// form, sent, is accepted (it was refused: its token belonged to the ended session).
async function signedInAgain({ base, page, context, varDir, made }) {
  await page.clock.install();
  await signIn(page, base, made);
  const address = `${base}/xxgk/${made.site}/admin/requests/${made.again_request}`;
  await page.goto(address);
  const step = page.locator('details.step:has(input[name=action][value=accept])');
  await step.locator('summary').click();
  await idleOnServer(context, varDir);
  await page.clock.runFor(31 * 60000); // the click counted: a keep-alive, refused
  await page.waitForTimeout(300);
  await page.clock.runFor(5 * 60000);
  await page.waitForTimeout(300);
  const warning = page.locator('.session-warning');
  assert(await warning.isVisible(), 'the session has ended');
  const said = await warning.locator('p').textContent();
  assert(said.includes('同一账号重新登录') && said.includes('不会丢失'), `the warning says to sign in again: ${said}`);
  const link = warning.getByRole('link', { name: '在新标签页中重新登录' });
  assert(await link.getAttribute('target') === '_blank', 'a link to sign in, in a new tab');
  const tab = await context.newPage();
  await signIn(tab, base, made);
  await page.bringToFront();
  await page.locator('h1').click();
  await page.clock.runFor(2500);
  await page.waitForTimeout(300);
  assert(!(await warning.isVisible()), 'the warning goes once the page is signed in again');
  await Promise.all([page.waitForNavigation(), step.locator('button[type=submit]').click()]);
  const h1 = await page.locator('h1').textContent();
  assert(page.url().startsWith(address) && !h1.includes('无权访问'), `the step was accepted: ${page.url()} ${h1}`);
}

const checks = { 'text-size': textSize, focus, 'narrow-public': narrowPublic, 'narrow-console': narrowConsole,
  'idle-warning': idleWarning, 'refused-letter': refusedLetter, 'signed-in-again': signedInAgain };

export default async function (t) {
  const check = checks[t.made.check];
  assert(check, `no check ${t.made.check}`);
  await check(t);
}
