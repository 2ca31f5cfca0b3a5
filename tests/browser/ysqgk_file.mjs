// A member of the public files a disclosure request through the form: on a phone first (nothing
// overflows), partly by keyboard, with a mistake (the error summary links to the fields, which
// say what is wrong), then right, with an attachment; the receipt shows the tracking number and
// the query code and prints cleanly; the tracking page then shows the status. Every state passes
// the accessibility rules.
import { assert, checkAccessibility } from './lib.mjs';

const overflow = page => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

export default async function ({ base, page, site = 'lincang' }) {
  const form = `${base}/xxgk/${site}/ysqgk/`;
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(form);
  assert((await page.locator('h1').textContent()) === '政府信息公开申请', 'form heading');
  assert(await overflow(page) <= 1, `form overflows a phone by ${await overflow(page)}px`);
  await checkAccessibility(page, 'form on a phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await checkAccessibility(page, 'form');
  // by keyboard: a radio chosen with the space bar, text typed into the focused field
  await page.getByLabel('公民', { exact: true }).focus();
  await page.keyboard.press('Space');
  assert(await page.getByLabel('公民', { exact: true }).isChecked(), 'radio chosen by keyboard');
  await page.keyboard.press('Tab'); // out of the radio group: the next field
  assert(await page.evaluate(() => document.activeElement.id) === 'f-name', 'Tab reaches the name field');
  await page.keyboard.type('浏览器<em>申请人</em>');
  await page.getByLabel(/证件类型/).selectOption('resident-id');
  await page.getByLabel(/证件号码/).fill('530902199003071230'); // wrong check digit
  await page.getByLabel(/电子邮箱/).fill('browser-ysqgk@example.com');
  await page.getByLabel(/所需信息的内容描述/).fill('2025年临沧市政府采购项目的合同文本');
  await page.getByLabel('电子文档').check();
  await page.getByLabel('电子邮件', { exact: true }).check();
  // leave the phone empty; the honeypot stays empty as people leave it (the test stack has no
  // minimum fill time)
  await page.getByRole('button', { name: '提交申请' }).click();

  const summary = page.locator('.error-summary');
  assert(await summary.isVisible(), 'errors listed at the top');
  assert((await summary.getAttribute('role')) === 'alert', 'the summary is announced');
  const links = summary.locator('a');
  assert(await links.count() === 2, `two errors: ${await summary.textContent()}`);
  for (const id of ['f-id_number', 'f-phone']) {
    const field = page.locator(`#${id}`);
    assert((await field.getAttribute('aria-invalid')) === 'true', `${id} marked invalid`);
    const described = (await field.getAttribute('aria-describedby')).split(' ');
    const messages = await Promise.all(described.map(d => page.locator(`#${d}`).textContent()));
    assert(messages.some(m => m.includes('错误')), `${id} is described by its error`);
    assert(await summary.locator(`a[href="#${id}"]`).count() === 1, `${id} linked from the summary`);
  }
  assert((await page.getByLabel(/姓名或名称/).inputValue()) === '浏览器<em>申请人</em>', 'typed name kept as text');
  assert(await page.getByLabel('公民', { exact: true }).isChecked(), 'choice kept');
  await checkAccessibility(page, 'form with errors');
  // the summary's link leads to the field
  await summary.locator('a[href="#f-phone"]').click();
  assert(page.url().endsWith('#f-phone'), 'the link goes to the field');

  await page.getByLabel(/证件号码/).fill('530902199003071231');
  await page.getByLabel(/联系电话/).fill('0883-2123456');
  // a quote in the file's name, which Chromium sends as %22 (the HTML standard's encoding)
  await page.getByLabel(/^附件/).setInputFiles({
    name: '身份证明"正本".pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
  });
  await page.getByRole('button', { name: '提交申请' }).click();

  assert((await page.locator('h1').textContent()) === '政府信息公开申请回执', `receipt: ${await page.locator('main').textContent()}`);
  const codes = page.locator('.query-code .code');
  const trackingNo = (await codes.nth(0).textContent()).trim();
  const queryCode = (await codes.nth(1).textContent()).trim();
  assert(new RegExp(`^${site.toUpperCase()}-\\d{4}-\\d{5}$`).test(trackingNo), `tracking number ${trackingNo}`);
  assert(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){2}$/.test(queryCode), `query code ${queryCode}`);
  const receipt = await page.locator('main').textContent();
  assert(receipt.includes('浏览器<em>申请人</em>') && receipt.includes('身份证明"正本".pdf'), `receipt details: ${receipt}`);
  assert(!receipt.includes('530902199003071231') && !receipt.includes('0883-2123456'), 'no identity number or phone');
  await checkAccessibility(page, 'receipt');
  await page.setViewportSize({ width: 375, height: 740 });
  assert(await overflow(page) <= 1, `receipt overflows a phone by ${await overflow(page)}px`);
  await page.setViewportSize({ width: 1280, height: 900 });
  // on paper: the receipt and its code, without the site's navigation and the screen-only links
  await page.emulateMedia({ media: 'print' });
  assert(await page.locator('.query-code').isVisible(), 'the code prints');
  assert(!(await page.locator('.no-print').first().isVisible()), 'screen-only links do not print');
  assert(!(await page.locator('form.search').isVisible()), 'the search box does not print');
  await page.emulateMedia({ media: 'screen' });

  // tracking
  await page.getByRole('link', { name: '查询办理进度' }).click();
  assert((await page.getByLabel(/受理编号/).inputValue()) === trackingNo, 'the number is filled in');
  await page.getByLabel(/查询码/).fill(queryCode.toLowerCase());
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const status = await page.locator('main').textContent();
  assert(status.includes(`申请 ${trackingNo} 的办理情况`), 'the request is shown');
  assert(status.includes('已登记') && status.includes('提交申请'), 'status and the first step');
  assert(/\d{4}-\d{2}-\d{2}前/.test(status), 'the due date');
  await checkAccessibility(page, 'tracking page');

  // a wrong code reveals nothing
  await page.goto(`${base}/xxgk/${site}/ysqgk/query`);
  await page.getByLabel(/受理编号/).fill(trackingNo);
  await page.getByLabel(/查询码/).fill('2222-3333-4444');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const wrong = await page.locator('main').textContent();
  assert(wrong.includes('受理编号或查询码不正确') && !wrong.includes('已登记'), 'wrong code: nothing shown');
  await checkAccessibility(page, 'tracking page, wrong code');
}
