// A CMS page includes the latest notices of a column with xslt/static/embed.js (the page is
// cms-integration/embed/script-example.html, copied into the test nginx's document root): the
// list replaces the placeholder, titles stay text, a bad column leaves the fallback in place.
import { readFileSync } from 'node:fs';
import { assert, checkAccessibility } from './lib.mjs';

export default async function ({ base, page, varDir, site = 'lincang' }) {
  // the newest notices of the column, read from the database by test_feeds.py
  const expected = JSON.parse(readFileSync(`${varDir}/embed-expected.json`, 'utf8'));
  await page.goto(`${base}/embed-example.html`);
  const box = page.locator('[data-xxgk-fragment*="D04.C01"]');
  await page.waitForSelector('[data-xxgk-loaded="true"]', { timeout: 10000 });
  const hrefs = await box.locator('ul.xxgk-fragment > li > a').evaluateAll(as => as.map(a => a.href));
  assert(JSON.stringify(hrefs) === JSON.stringify(expected), `the newest notices: ${hrefs} != ${expected}`);
  const first = await box.locator('li a').first();
  assert((await first.textContent()) === '<script>alert("x")</script> & <b>测试</b> 标题', 'title shown as text');
  assert(await box.locator('script, b, [onclick]').count() === 0, 'no markup from a title became an element');
  assert((await first.getAttribute('href')).startsWith(`${base}/xxgk/${site}/n/`), 'absolute on the fragment\'s host');
  assert(await box.locator('time[datetime]').count() === expected.length, 'dates');
  // the broken placeholder keeps its own content and says why
  await page.waitForSelector('#missing[data-xxgk-error]', { timeout: 10000 });
  assert((await page.locator('#missing').getAttribute('data-xxgk-error')) === '404', 'error status');
  assert(await page.locator('#missing a').textContent() === '信息公开目录', 'fallback kept');
  await checkAccessibility(page, 'embed example');
  // a click on a notice leads to its page
  await first.click();
  await page.waitForLoadState();
  assert((await page.locator('table.meta-block').count()) === 1, 'the notice page');
}
