// The catalog page (目录) and a column page with its facts: accessible, on a phone without
// sideways scrolling, and printable without the page's navigation.
import { assert, checkAccessibility } from './lib.mjs';

async function fitsPhone(page, label) {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `${label}: horizontal overflow on a 390 px phone: ${overflow}px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

export default async function ({ base, page }) {
  // The same stylesheet makes every site's catalog page: the rules are checked on the shortest,
  // the fit on the widest too.
  await page.goto(`${base}/xxgk/yancheng/catalog`);
  await fitsPhone(page, 'yancheng catalog');
  await page.goto(`${base}/xxgk/shanwei/catalog`);
  assert((await page.locator('h1').textContent()).includes('目录'), 'catalog heading');
  await checkAccessibility(page, 'shanwei catalog');
  await fitsPhone(page, 'shanwei catalog');
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() => getComputedStyle(document.querySelector('.catalog-index')).display);
  assert(hidden === 'none', `the index is not printed (${hidden})`);
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${base}/xxgk/lincang/c/D02.C02`);
  await page.locator('details.required-items summary').click();
  assert(await page.locator('.group-label').first().isVisible(), 'item groups shown');
  await checkAccessibility(page, 'column with facts');
  await fitsPhone(page, 'column with facts');
}
