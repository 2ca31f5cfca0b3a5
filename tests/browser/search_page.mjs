// A member of the public searches from the header box (.site-header: a div under the CMS's own
// header on Lincang): results with the words highlighted, the query kept in the box, the next
// page; an empty and a bad query; accessible; fits a phone.
import { assert, checkAccessibility } from './lib.mjs';

export default async function ({ base, page }) {
  await page.goto(`${base}/xxgk/lincang/`);
  await page.locator('.site-header input[name=q]').fill('项目 临沧');
  await page.locator('.site-header input[name=q]').press('Enter');
  await page.waitForURL(/\/xxgk\/lincang\/search\?q=/);
  assert((await page.locator('h1').textContent()) === '站内搜索', 'search page heading');
  assert(await page.locator('ol.search-results > li').count() === 20, 'a full first page');
  assert(await page.locator('ol.search-results mark').count() > 0, 'highlighted terms');
  assert((await page.locator('#search-q').inputValue()) === '项目 临沧', 'the query stays in the box');
  assert((await page.locator('.search-count').textContent()).includes('找到'), 'the count');
  await checkAccessibility(page, 'search results');
  await page.locator('nav.search-pager a[rel=next]').click();
  await page.waitForURL(/page=2/);
  assert((await page.locator('ol.search-results').getAttribute('start')) === '21', 'page two');
  // The filters: a plain GET form; a column chosen from the list narrows the results.
  const all = (await page.locator('.search-count strong').textContent()).trim();
  await page.locator('#search-c').selectOption('D04');
  await page.locator('#search-sort').selectOption('relevance');
  await Promise.all([page.waitForURL(/c=D04/), page.locator('form.search-page button').click()]);
  assert((await page.locator('#search-c').inputValue()) === 'D04', 'the column stays chosen');
  assert((await page.locator('.search-count').textContent()).includes('按相关度'), 'by relevance');
  const narrowed = (await page.locator('.search-count strong').textContent()).trim();
  assert(all === '1,000+' || Number(narrowed) < Number(all), `the column narrows: ${narrowed} of ${all}`);
  assert(await page.locator('.search-active a').count() === 1, 'the filter in force, with a way out');
  await checkAccessibility(page, 'search with filters');
  // The form on the page itself, with a query that is too long: a 400 page that says why.
  await page.goto(`${base}/xxgk/lincang/search`);
  assert(await page.locator('ol.search-results').count() === 0, 'no results without a query');
  await checkAccessibility(page, 'search form');
  await page.locator('#search-q').evaluate(el => el.removeAttribute('maxlength'));
  await page.locator('#search-q').fill('字'.repeat(101));
  const [resp] = await Promise.all([page.waitForResponse(/search\?q=/), page.locator('form.search-page button').click()]);
  assert(resp.status() === 400, `too long: ${resp.status()}`);
  assert((await page.locator('#search-error').textContent()).includes('100'), 'the error explains the limit');
  assert((await page.locator('#search-q').getAttribute('aria-describedby')).includes('search-error'), 'tied to the field');
  await checkAccessibility(page, 'search error');
  // a phone: nothing overflows sideways, filters and facets included
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/xxgk/lincang/search?q=${encodeURIComponent('项目')}&c=D04&sort=relevance`);
  assert(await page.locator('.search-facet').count() > 0, 'facets shown');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `horizontal overflow on a phone: ${overflow}px`);
}
