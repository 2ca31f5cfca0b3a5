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
