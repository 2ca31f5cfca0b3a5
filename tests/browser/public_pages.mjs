// A member of the public reads the columns: home, a domain, a notice; on a desk and on a phone;
// keyboard users reach the content; the pages pass the accessibility rules.
import { assert, checkAccessibility } from './lib.mjs';

export default async function ({ base, page }) {
  await page.goto(`${base}/xxgk/lincang/`);
  assert((await page.locator('h1').textContent()).includes('公共资源配置领域信息公开'), 'home heading');
  await checkAccessibility(page, 'home');
  // keyboard: the first Tab lands on the skip link, which moves focus to the main content
  await page.keyboard.press('Tab');
  assert(await page.evaluate(() => document.activeElement.classList.contains('skip')), 'skip link first');
  await page.getByRole('link', { name: '政府采购' }).first().click();
  assert((await page.locator('h1').textContent()) === '政府采购', 'domain page');
  await checkAccessibility(page, 'column');
  await page.locator('.notice-list a').first().click();
  assert(await page.locator('table.meta-block').isVisible(), 'metadata block');
  await checkAccessibility(page, 'notice');
  // a phone: the column navigation moves below the content and nothing overflows sideways
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `horizontal overflow on a phone: ${overflow}px`);
}
