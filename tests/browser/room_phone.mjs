// A phone in a real browser: Debian's chromium, headless, driven by puppeteer-core. Started by
// test_room_browser (which runs the game in-process and checks the big screen); they talk over
// stdin/stdout, one line at a time. Loopback only.
//   node room_phone.mjs PORT CODE OUTDIR
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [port, code, outdir] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}/`;
const NAME = '<img src=x onerror=pwned=1>Zoë"💪'; // markup, a quote and an emoji: 36 bytes
const say = (line) => process.stdout.write(line + '\n');
const fail = (msg) => { say('FAIL ' + msg); throw new Error(msg); };

const lines = createInterface({ input: process.stdin });
const waiting = [];
lines.on('line', (l) => { const w = waiting.shift(); if (w) w(l.trim()); });
const hear = () => new Promise((resolve) => waiting.push(resolve));

const profile = mkdtempSync(join(tmpdir(), 'oc-chromium-'));
const browser = await puppeteer.launch({
  executablePath: process.env.OC_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`],
});
let ok = false;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // nothing may leave loopback: every request the page makes is checked
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname !== '127.0.0.1') { errors.push('request off loopback: ' + r.url()); r.abort(); } else r.continue();
  });
  await page.goto(base, { waitUntil: 'load' });
  await page.screenshot({ path: join(outdir, 'room-phone-join.png') });

  // a wrong code is refused on the page, clearly
  await page.type('#code', '0000');
  await page.type('#name', 'Nobody');
  await page.click('#join-btn');
  await page.waitForFunction(() => document.querySelector('#join-error').textContent.length > 0, { timeout: 5000 });
  const refusal = await page.$eval('#join-error', (e) => e.textContent);
  if (!/code/i.test(refusal)) fail('wrong code message: ' + refusal);

  // join for real, with a name full of markup, quotes and an emoji
  await page.$eval('#code', (e) => { e.value = ''; });
  await page.$eval('#name', (e) => { e.value = ''; });
  await page.type('#code', code);
  await page.type('#name', NAME);
  await page.click('#join-btn');
  await page.waitForSelector('#join', { hidden: true, timeout: 5000 }).catch(async () => {
    fail('join: ' + await page.$eval('#join-error', (e) => e.textContent));
  });
  say('JOINED');
  if ((await hear()) !== 'ASKING') fail('expected ASKING');

  // the question arrives by the event stream
  await page.waitForSelector('#quiz:not(.hidden)', { timeout: 10000 });
  const who = await page.$eval('#who', (e) => e.textContent);
  if (!who.includes(NAME)) fail('name not shown as text: ' + who);
  const kind = await page.evaluate(() => {
    if (!document.querySelector('#q-place').classList.contains('hidden')) return 'placement';
    if (!document.querySelector('#q-tight').classList.contains('hidden')) return 'tightness';
    if (!document.querySelector('#q-order').classList.contains('hidden')) return 'ordering';
    return 'choice';
  });
  const prompt = await page.$eval('#q-prompt', (e) => e.textContent);
  if (!prompt) fail('no prompt on the phone');
  await page.screenshot({ path: join(outdir, 'room-phone-question.png') });
  if (kind === 'choice') {
    const n = await page.$$eval('#q-options button', (b) => b.length);
    if (n < 2) fail('options missing');
    await page.click('#q-options button:nth-child(2)');
  } else if (kind === 'tightness') {
    await page.click('#q-tight button:nth-child(8)');
    await page.click('#send');
  } else if (kind === 'ordering') {
    await page.click('#send');
  } else {
    const img = await page.$('#figure-img');
    const box = await img.boundingBox();
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await page.click('#send');
  }
  // everyone (one phone) has answered: the big screen shows the answer, and so does the phone
  await page.waitForSelector('#q-reveal:not(.hidden)', { timeout: 10000 });
  const verdict = await page.$eval('#r-verdict', (e) => e.textContent);
  const explain = await page.$eval('#r-explain', (e) => e.textContent);
  if (!verdict || !explain) fail('no verdict or explanation after the reveal');
  const board = await page.$eval('#board-list', (e) => ({ text: e.textContent, imgs: e.querySelectorAll('img').length }));
  if (!board.text.includes(NAME) || board.imgs !== 0) fail('leaderboard: the name must be text, not markup');
  const pwned = await page.evaluate(() => window.pwned);
  if (pwned !== undefined) fail('markup in a name ran');
  await page.screenshot({ path: join(outdir, 'room-phone-reveal.png') });
  say(`REVEALED ${kind} ${verdict.startsWith('Right') ? 'right' : 'wrong'}`);

  // the group session: choose a lane, count reps, stop with a reason
  if ((await hear()) !== 'LANES') fail('expected LANES');
  await page.waitForSelector('#lanes:not(.hidden)', { timeout: 10000 });
  await page.screenshot({ path: join(outdir, 'room-phone-lanes.png') });
  await page.click('#lane-list button:nth-child(2)');
  await page.waitForSelector('#lane:not(.hidden)', { timeout: 10000 });
  for (let i = 0; i < 3; i++) {
    await page.click('#tap');
    await page.waitForFunction((n) => document.querySelector('#l-done').textContent === String(n), { timeout: 5000 }, i + 1);
  }
  await page.screenshot({ path: join(outdir, 'room-phone-reps.png') });
  say('TAPPED 3');
  await page.click('.stop summary');
  await page.click('[data-reason="pain"]');
  await page.waitForSelector('#l-message:not(.hidden)', { timeout: 5000 });
  const msg = await page.$eval('#l-message', (e) => e.textContent);
  if (!/remove the wrap/i.test(msg)) fail('stop message: ' + msg);
  await page.screenshot({ path: join(outdir, 'room-phone-stopped.png') });
  if (errors.length) fail('page errors: ' + errors.join('; '));
  say('STOPPED');
  ok = true;
} catch (e) {
  say('FAIL ' + (e && e.message ? e.message.split('\n')[0] : String(e)));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
  lines.close();
}
process.exit(ok ? 0 : 1);
