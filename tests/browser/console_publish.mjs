// Staff sign in, create a notice with an item missing, see the warning, publish with a reason,
// see the notice on the public page and the audit entry in the console.
import { assert, checkAccessibility } from './lib.mjs';

export default async function ({ base, page, site = 'yancheng' }) {
  await page.goto(`${base}/xxgk/${site}/admin/`);
  assert(page.url().includes('/admin/login'), 'strangers are sent to sign in');
  await checkAccessibility(page, 'login');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('xxgk-demo');
  await page.getByRole('button', { name: '登录' }).click();
  assert((await page.locator('h1').textContent()) === '工作台', 'dashboard after sign-in');
  await checkAccessibility(page, 'dashboard');

  await page.getByRole('link', { name: '公开信息', exact: true }).click();
  await page.getByRole('link', { name: '新建公开信息' }).click();
  // a category of appendix 1 with several items
  await page.locator('.pick a').nth(3).click();
  const itemFields = page.locator('fieldset.items textarea');
  const n = await itemFields.count();
  assert(n >= 1, 'the category\'s items appear as fields');
  await checkAccessibility(page, 'editor');
  const title = '盐城市浏览器测试公告' + Date.now();
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('发布机构').fill('盐城市财政局');
  await page.getByLabel('成文日期').fill('2026-11-20');
  await page.getByLabel('正文').fill('浏览器测试正文。');
  // fill every item but the last: one stays missing
  for (let i = 0; i < n - 1; i++) await itemFields.nth(i).fill('测试内容' + i);
  await page.getByRole('button', { name: '发布' }).click();
  assert(await page.locator('#missing-items').isVisible(), 'the missing item is listed before publishing');
  assert(await page.locator('[role=alert]').isVisible(), 'a reason is asked for');
  await checkAccessibility(page, 'editor with warnings');
  await page.getByLabel('发布原因（内容不全或超过时限时必填）').fill('最后一项尚待确认，先行公开');
  await page.getByRole('button', { name: '发布' }).click();
  assert((await page.locator('.message.ok').textContent()).includes('已发布'), 'published');

  await page.getByRole('link', { name: '查看公开页面' }).click();
  assert((await page.locator('h1').textContent()) === title, 'the notice on the public page');

  await page.goto(`${base}/xxgk/${site}/admin/audit?subject=notice`);
  const row = page.locator('table.audit tbody tr').first();
  assert((await row.textContent()).includes('发布公开信息'), 'audit entry for the publication');
  assert((await row.textContent()).includes('最后一项尚待确认'), 'with the reason');
}
