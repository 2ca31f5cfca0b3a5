// Shared by the browser scenarios: launch Debian's Chromium headless, run axe-core, fail loudly.
// A scenario is a file exporting `default async function (t)`; tests/integration/test_browser.py
// runs each against the test stack: node tests/browser/scenario.mjs BASE_URL SCENARIO [VARDIR].
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// WCAG 2.0 A/AA rules (GB/T 37668 follows WCAG 2.0): no serious or critical violations.
export async function checkAccessibility(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
  const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  assert(bad.length === 0, `${label}: accessibility violations: ` +
    bad.map(v => `${v.id} (${v.nodes.length}: ${v.nodes[0].target})`).join('; '));
}

// Every axe-core rule (WCAG 2.0/2.1 A and AA and axe's best practices): no violation of any impact.
export async function checkAxeClean(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => axe.run(document)); // eslint-disable-line no-undef
  assert(result.violations.length === 0, `${label}: axe-core violations: ` +
    result.violations.map(v => `${v.id} [${v.impact}] (${v.nodes.length}: ${v.nodes[0].target})`).join('; '));
}

// Nothing wider than the viewport: the page never scrolls sideways.
export async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

// Labels (table headers, terms, form labels) that the browser broke inside a word: a line break
// within a run of text that falls inside one word as the browser's own Chinese word segmenter
// (Intl.Segmenter, ICU's dictionary) cuts the text. A label is short (at most 30 characters:
// longer text in a header cell, and a block within it, are prose, which wraps as Chinese does);
// labels out of sight (a table head kept for screen readers in a 1 px box) are not read. Returns the labels so cut,
// with the characters around each cut.
export async function labelsCut(page, selector = 'th, dt, label, legend') {
  return page.evaluate(sel => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const cut = [];
    const unseen = el => {
      for (let a = el; a; a = a.parentElement)
        if (a.getBoundingClientRect().width <= 1) return true;
      return false;
    };
    for (const el of document.querySelectorAll(sel)) {
      if (!el.getClientRects().length || el.textContent.trim().length > 30 || unseen(el)) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // a block inside a header cell (a category's note) is a paragraph of its own, not the label
        if (n.parentElement !== el && getComputedStyle(n.parentElement).display === 'block') continue;
        const chars = [];
        const starts = new Set([...segmenter.segment(n.data)].map(s => s.index));
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
  }, selector);
}
