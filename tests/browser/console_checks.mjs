// Every console page type in Chromium at 390 px and 1366 px: nothing wider than the viewport,
// no axe-core violation (every rule, any impact), and the queue's screenshots for the note
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
      if (label === 'queue') {
        mkdirSync(join(top, 'build', 'screenshots'), { recursive: true });
        await page.screenshot({ path: join(top, 'build', 'screenshots', `queue-${width}.png`), fullPage: true });
      }
    }
  }
  assert(failures.length === 0, failures.join('\n'));
}
