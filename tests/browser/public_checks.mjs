// Every public page type, in one browser: at 390 px and at 1366 px no page is wider than the
// viewport, axe-core finds no violation of any rule, and no label is cut inside a word. The
// request form is filed as it comes (the document type left at its default) and gives the
// receipt and the tracking page, checked the same way. The larger text holds across pages and
// still fits a phone, and the text-size control is reached by keyboard; a notice prints
// without the navigation.
// Screenshots of a notice at both widths go to build/screenshots/ for the record.
// t.made: {pages: [[label, path], ...], notice: path, form: path, person: {...}} from
// tests/integration/test_browser_checks.py.
import { assert, checkAxeClean, labelsCut, overflow } from './lib.mjs';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WIDTHS = [390, 1366];
const shots = fileURLToPath(new URL('../../build/screenshots/', import.meta.url));

async function checkPage(page, label) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    const over = await overflow(page);
    assert(over <= 0, `${label} at ${width} px: ${over} px wider than the viewport`);
    const cut = await labelsCut(page);
    assert(cut.length === 0, `${label} at ${width} px: labels cut inside a word: ${cut.join('; ')}`);
    await checkAxeClean(page, `${label} at ${width} px`);
  }
}

async function fileRequest(page, base, made) {
  await page.goto(base + made.form);
  await page.getByRole('button', { name: '提交申请' }).click(); // nothing filled in: the errors
  assert(await page.locator('.error-summary').isVisible(), 'an empty form lists its errors');
  await checkPage(page, 'request form with errors');
  const p = made.person;
  await page.getByLabel('公民', { exact: true }).check();
  await page.getByLabel(/姓名或名称/).fill(p.name);
  // 证件类型 is left as the form offers it
  await page.getByLabel(/证件号码/).fill(p.id_number);
  await page.getByLabel(/联系电话/).fill(p.phone);
  await page.getByLabel(/所需信息的内容描述/).fill(p.description);
  await page.getByLabel('电子文档').check();
  await page.getByLabel('自行领取').check();
  await page.getByRole('button', { name: '提交申请' }).click();
  assert((await page.locator('h1').textContent()) === '政府信息公开申请回执',
    `filed at the first attempt: ${(await page.locator('main').textContent()).slice(0, 300)}`);
  await checkPage(page, 'receipt');
  const codes = page.locator('.query-code .code');
  const queryCode = (await codes.nth(1).textContent()).trim();
  await page.getByRole('link', { name: '查询办理进度' }).click();
  await checkPage(page, 'tracking form');
  await page.getByLabel(/查询码/).fill(queryCode);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  assert((await page.locator('main').textContent()).includes('的办理情况'), 'tracking result');
  await checkPage(page, 'tracking result');
}

async function largerText(page, base, made) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + made.notice);
  // by keyboard: Tab until 大字 has focus, then Enter
  let steps = 0;
  while (!(await page.evaluate(() => document.activeElement.classList.contains('size-large'))) && steps++ < 40)
    await page.keyboard.press('Tab');
  assert(steps < 40, 'the 大字 button is reached by keyboard');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert(page.url() === base + made.notice, `back on the same page: ${page.url()}`);
  assert(await size() === '20px', `larger text: ${await size()}`);
  assert(await overflow(page) <= 0, `larger text on a phone: ${await overflow(page)} px too wide`);
  assert((await labelsCut(page)).length === 0, `larger text: labels cut: ${await labelsCut(page)}`);
  await page.goto(base + made.pages[0][1]);
  assert(await size() === '20px', 'the larger text holds on the next page, without script');
  await page.getByRole('button', { name: '标准' }).click();
  await page.waitForLoadState();
  assert(await size() === '16px', `standard again: ${await size()}`);
}

export default async function ({ base, page, made }) {
  for (const [label, path] of made.pages) {
    await page.goto(base + path);
    await checkPage(page, label);
  }
  await fileRequest(page, base, made);

  // the notice printed: the article without the header's tools, the columns or the neighbours
  await page.goto(base + made.notice);
  await page.emulateMedia({ media: 'print' });
  const shown = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).display !== 'none');
  assert(await shown('article'), 'the notice is printed');
  for (const sel of ['.columns', '.neighbours', '.site-header form', '.article-tools'])
    assert(!(await shown(sel)), `${sel} is not printed`);
  await page.emulateMedia({ media: 'screen' });
  mkdirSync(shots, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    await page.screenshot({ path: `${shots}notice-${width}.png`, fullPage: true });
  }
  await largerText(page, base, made);
}
