// Runs one scenario file against a base URL; prints "ok" or the failure and exits 0/1.
// node scenario.mjs BASE_URL SCENARIO [VARDIR [SITE [JSON]]]: SITE is the site the scenario works
// on (t.site; each scenario has a demo site of its own by default), JSON what else the test that
// runs it made for it (t.made).
import { launch } from './lib.mjs';

const [base, file, varDir, site, made] = process.argv.slice(2);
const mod = await import(new URL(file, import.meta.url));
const browser = await launch();
// bypassCSP only lets axe-core be injected; the pages' own CSP stays in force otherwise.
const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
const page = await context.newPage();
const t = { base, page, context, browser, varDir, site, made: made ? JSON.parse(made) : {} };
try {
  await mod.default(t);
  console.log('ok');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.log(`FAIL: ${e.message}`);
  try { await page.screenshot({ path: `${varDir || '/tmp'}/failure-${file.replace(/\W/g, '_')}.png`, fullPage: true }); } catch {}
  await browser.close();
  process.exit(1);
}
