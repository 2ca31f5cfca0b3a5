// Staff sign in, open the queue, request a correction, extend, reply; the applicant's tracking
// page then shows the reply. The request is filed first through the public JSON API.
import { assert, checkAccessibility } from './lib.mjs';

export default async function ({ base, page, context, site = 'shanwei' }) {
  const api = await context.request.post(`${base}/xxgk/${site}/api/requests`, {
    data: {
      applicant_type: 'person', name: '浏览器测试申请人', id_type: 'resident-id', id_number: '11010519491231002X',
      phone: '13900001111', email: 'browser@example.com', address: '广东省汕尾市城区测试路8号', postcode: '516600',
      description: '2026年汕尾市某道路工程的中标结果及合同', form: 'electronic', delivery: 'email',
    },
  });
  assert(api.status() === 201, `filed through the API: ${api.status()} ${await api.text()}`);
  const { tracking_no: trackingNo, query_code: queryCode } = await api.json();

  await page.goto(`${base}/xxgk/${site}/admin/login`);
  await page.getByLabel('用户名').fill('approver');
  await page.getByLabel('密码').fill('xxgk-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.console-nav').getByRole('link', { name: '依申请公开' }).click();
  await checkAccessibility(page, 'queue');
  await page.getByRole('link', { name: trackingNo }).click();
  await checkAccessibility(page, 'request page');

  // 告知补正
  await page.locator('summary', { hasText: '告知补正' }).click();
  await page.locator('details[open]').getByLabel(/需要补正的事项/).fill('所需信息的项目名称和年度');
  await page.locator('details[open] button[type=submit]').click();
  assert((await page.locator('h1').textContent()).includes('待补正'), 'correction requested');
  // 收到补正
  await page.locator('summary', { hasText: '收到补正' }).click();
  await page.locator('details[open] button[type=submit]').click();
  assert((await page.locator('h1').textContent()).includes('已补正'), 'corrected');
  // 延长答复期限
  await page.locator('summary', { hasText: '延长答复期限' }).click();
  await page.locator('details[open]').getByLabel(/延期的理由/).fill('需要调取多个年度的档案');
  await page.locator('details[open] button[type=submit]').click();
  assert((await page.locator('h1').textContent()).includes('已延期答复'), 'extended');
  assert(await page.getByRole('link', { name: '延期答复告知书' }).isVisible(), 'the extension notice is recorded');
  // 作出答复: pick the outcome, generate the letter, edit it, send it
  await page.getByLabel('按答复类型生成告知书').selectOption('disclosed:');
  await page.getByRole('button', { name: '生成' }).click();
  const letter = page.getByLabel(/答复告知书/);
  assert((await letter.inputValue()).includes(trackingNo), 'the reply letter is filled in from the template');
  await letter.fill((await letter.inputValue()) + '\n附：中标结果公告及合同文本。');
  await page.locator('details[open] button[type=submit]').click();
  assert((await page.locator('h1').textContent()).includes('已答复'), 'answered');

  // the applicant
  await page.goto(`${base}/xxgk/${site}/ysqgk/query`);
  await page.getByLabel(/受理编号/).fill(trackingNo);
  await page.getByLabel(/查询码/).fill(queryCode);
  await page.getByRole('button', { name: /查询/ }).click();
  const body = await page.locator('main').textContent();
  assert(body.includes('已答复'), 'the applicant sees the status');
  assert(body.includes('附：中标结果公告及合同文本'), 'and the reply letter as sent');
  await checkAccessibility(page, 'tracking page with the reply');
}
