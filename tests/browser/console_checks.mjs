// Every console page type in Chromium at 390 px and 1366 px: nothing wider than the viewport,
// no axe-core violation (every rule, any impact), no label cut inside a word, the queue's tracking numbers and dates
// each on one line at 1366 px without the table overflowing, and the queue's screenshots for the note
// (build/screenshots/queue-390.png, queue-1366.png). The pages come from the Python side
// (test_console_checks.py) in VARDIR/console_checks.json: [[label, path], ...] under the site.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const top = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function axeClean(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => axe.run(document)); // eslint-disable-line no-undef
  assert(result.violations.length === 0, `${label}: axe-core violations: ` +
    result.violations.map(v => `${v.id} [${v.impact}] (${v.nodes.length}: ${v.nodes[0].target})`).join('; '));
}

async function widerBy(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

// Labels (table headers, terms, form labels, legends) the browser broke inside a word, as the
// browser's own Chinese word segmenter (Intl.Segmenter) cuts the text: short labels only (at most
// 30 characters; longer text wraps as prose does), and only those in sight.
async function labelsCut(page) {
  return page.evaluate(() => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const cut = [];
    const unseen = el => {
      for (let a = el; a; a = a.parentElement) if (a.getBoundingClientRect().width <= 1) return true;
      return false;
    };
    for (const el of document.querySelectorAll('th, dt, label, legend, .figures li')) {
      if (!el.getClientRects().length || el.textContent.trim().length > 30 || unseen(el)) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const starts = new Set([...segmenter.segment(n.data)].map(x => x.index));
        const chars = [];
        for (let i = 0; i < n.data.length; i++) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          const box = r.getClientRects()[0];
          if (box && box.width > 0) chars.push({ at: i, top: Math.round(box.top) });
        }
        for (let k = 1; k < chars.length; k++)
          if (chars[k].top > chars[k - 1].top + 2 && !starts.has(chars[k].at))
            cut.push(`${el.textContent.trim().slice(0, 40)} (${n.data[chars[k - 1].at]}|${n.data[chars[k].at]})`);
      }
    }
    return cut;
  });
}

// The queue's tracking numbers and dates that the browser broke across lines, and how much wider
// than its region the table is (it must neither break them nor overflow).
async function queueCellsBroken(page) {
  return page.evaluate(() => {
    const broken = [];
    for (const td of document.querySelectorAll('table.queue td[data-label="受理编号"], ' +
      'table.queue td[data-label="收到日期"], table.queue td[data-label="答复期限"]')) {
      const text = [...td.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.data.trim()) ||
        td.querySelector('a')?.firstChild;
      if (!text) continue;
      const r = document.createRange();
      r.selectNodeContents(text);
      const lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
      if (lines.size > 1) broken.push(`${td.dataset.label} ${text.data.trim()}`);
    }
    const table = document.querySelector('table.queue');
    const over = table ? table.getBoundingClientRect().width - table.parentElement.clientWidth : 0;
    return { broken, over };
  });
}

export default async function ({ base, page, varDir, site }) {
  const { pages, login, password } = JSON.parse(readFileSync(join(varDir, 'console_checks.json'), 'utf8'));
  const admin = `${base}/xxgk/${site}/admin/`;
  const failures = [];
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await page.context().clearCookies();
    await page.goto(`${admin}login`);
    for (const check of [widerBy, axeClean]) {
      const wide = await check(page, `login at ${width}`).catch(e => failures.push(e.message));
      if (typeof wide === 'number' && wide > 0) failures.push(`login at ${width}: ${wide} px too wide`);
    }
    await page.getByLabel('用户名').fill(login);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    assert((await page.locator('h1').textContent()) === '工作台', 'signed in');
    for (const [label, path] of pages) {
      const r = await page.goto(admin + path);
      if (r.status() >= 500) failures.push(`${label}: ${r.status()}`);
      const wide = await widerBy(page);
      if (wide > 0) failures.push(`${label} at ${width}: ${wide} px wider than the viewport`);
      await axeClean(page, `${label} at ${width}`).catch(e => failures.push(e.message));
      for (const c of await labelsCut(page)) failures.push(`${label} at ${width}: a label cut inside a word: ${c}`);
      if (label === 'queue' && width === 1366) {
        const { broken, over } = await queueCellsBroken(page);
        for (const b of broken) failures.push(`queue at ${width}: broken across lines: ${b}`);
        if (over > 0) failures.push(`queue at ${width}: the table ${over} px wider than its region`);
      }
      if (label === 'queue') {
        mkdirSync(join(top, 'build', 'screenshots'), { recursive: true });
        await page.screenshot({ path: join(top, 'build', 'screenshots', `queue-${width}.png`), fullPage: true });
      }
    }
  }
  assert(failures.length === 0, failures.join('\n'));
}
