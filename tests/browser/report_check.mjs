// Loads orgflow's HTML report in Debian's headless Chromium (driven by
// playwright-core, no network) and checks what a reader gets: no console
// error, no request leaving the file, no script run by a hostile name, every
// unit name visible as text. Takes a screenshot for people to look at.
//
//   node report_check.mjs ORGFLOW_EXE MODEL... --out DIR
//
// Ends with `N passed, M failed`; exit 0 when all pass, 1 otherwise, 77 when
// Chromium or playwright-core is not installed (the test is then skipped).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const chromium_path = '/usr/bin/chromium';
const args = process.argv.slice(2);
const out_at = args.indexOf('--out');
const out_dir = out_at >= 0 ? resolve(args[out_at + 1]) : mkdtempSync(join(tmpdir(), 'orgflow-browser-'));
const [exe, ...models] = out_at >= 0 ? args.slice(0, out_at) : args;

if (!existsSync(chromium_path)) {
  console.log(`skipped: ${chromium_path} is not installed (apt-get install chromium)`);
  process.exit(77);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('skipped: playwright-core is not installed (npm ci in tests/browser)');
  process.exit(77);
}
mkdirSync(out_dir, { recursive: true });

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { passed++; } else { failed++; console.log(`FAIL ${what}`); }
}

const browser = await chromium.launch({
  executablePath: chromium_path,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  for (const model of models) {
    const name = basename(model).replace(/\.json$/, '');
    const html = join(out_dir, `${name}.html`);
    execFileSync(exe, ['report', model, '-o', html], { stdio: ['ignore', 'ignore', 'inherit'] });
    const doc = JSON.parse(readFileSync(model, 'utf8'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    const file_url = pathToFileURL(html).href;
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', async (d) => { problems.push(`a script ran: ${d.type()} "${d.message()}"`); await d.dismiss(); });
    page.on('request', (r) => {
      const url = r.url();
      if (url !== file_url && !url.startsWith('data:')) problems.push(`request left the file: ${url}`);
    });
    await page.goto(file_url, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out_dir, `${name}.png`), fullPage: false });
    const text = await page.evaluate(() => {
      const svg = [...document.querySelectorAll('svg text')].map((t) => t.textContent).join(' ');
      return (document.body.innerText + ' ' + svg).replace(/\s+/g, ' ');
    });
    const scripts = await page.evaluate(() => document.querySelectorAll('script').length);
    const injected = await page.evaluate(() => document.querySelectorAll('body img, body iframe, body object').length);
    check(problems.length === 0, `${name}: ${problems.join('; ')}`);
    check(scripts === 0, `${name}: the report contains ${scripts} script elements`);
    check(injected === 0, `${name}: a name became markup (${injected} img/iframe/object elements)`);
    // Accepted findings are listed apart, under their own heading, with the
    // reason, and are not among the findings to fix first.
    for (const a of doc.accepted ?? []) {
      const apart = await page.evaluate((reason) => {
        const heading = [...document.querySelectorAll('h2, h3')].find((h) => /Accepted findings/.test(h.textContent));
        if (!heading) return 'no "Accepted findings" heading';
        let n = heading.nextElementSibling;
        let below = '';
        while (n && !/^H[23]$/.test(n.tagName)) { below += ' ' + n.textContent; n = n.nextElementSibling; }
        if (!below.includes(reason)) return 'the reason is not under the "Accepted findings" heading';
        const before = [];
        for (let e = heading.previousElementSibling; e; e = e.previousElementSibling) before.push(e.textContent);
        if (before.join(' ').includes(reason)) return 'the reason also shows before the accepted findings';
        return '';
      }, a.reason);
      check(apart === '', `${name}: accepted finding ${a.code}: ${apart}`);
    }
    for (const u of doc.units) {
      const shown = (u.name ?? u.id).replace(/\s+/g, ' ').trim();
      check(text.includes(shown), `${name}: unit name not visible as text: ${JSON.stringify(shown)}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${out_dir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
