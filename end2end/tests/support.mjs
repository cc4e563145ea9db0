// Shared set-up of the end-to-end tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? 'screenshots';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/// A fresh browser context (no cookies) reading `locale` first, optionally without JavaScript.
export async function newPage(browser, { locale = 'vi-VN', javaScriptEnabled = true, width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale,
    javaScriptEnabled,
    viewport: { width, height },
    extraHTTPHeaders: { 'Accept-Language': locale },
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(`${page.url()}: ${err.message}`));
  // Answers such as a form's 400 are logged by the browser too; only the app's own errors count.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.errors.push(`${page.url()}: console: ${m.text().slice(0, 600)}`); });
  return page;
}

/// Waits until the wasm bundle has hydrated the page.
export async function hydrated(page) {
  try {
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
  } catch (err) {
    throw new Error(`${page.url()} did not hydrate; page errors: ${page.errors.map(String).join(' | ') || 'none'}`, { cause: err });
  }
}

const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/// Asserts that axe-core finds no accessibility violation on the page as it is now (WCAG 2.1
/// A and AA rules), and that the page fits the window's width. Evaluated through the driver, so the page's script policy does not block it.
export async function accessible(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  if (found.length > 0) throw new Error(`${page.url()}: axe found ${found.length} violation(s):\n${found.join('\n')}`);
  // Reflow (WCAG 1.4.10), which axe does not check: the page never scrolls sideways; a wide
  // table scrolls inside its own region.
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (wider > 0) throw new Error(`${page.url()}: the page is ${wider}px wider than the window`);
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/// Signs the page in as the officer `cargo xtask test` created (Vietnamese interface).
export async function signInAsOfficer(page) {
  await page.goto('/signin');
  await hydrated(page);
  await page.getByLabel('Email').fill(process.env.OFFICER_EMAIL);
  await page.getByLabel('Mật khẩu').fill(process.env.OFFICER_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/account$/);
}

/// The bodies of the mails to `recipient`, decoded, as the server wrote them into MAIL_DIR (no
/// mail server on the test machine).
function mailsTo(recipient) {
  const dir = process.env.MAIL_DIR;
  if (!dir) throw new Error('MAIL_DIR is not set: cargo xtask e2e sets it');
  let names = [];
  try { names = readdirSync(dir).filter((n) => n.endsWith('.eml')); } catch { /* not written yet */ }
  const bodies = [];
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'latin1');
    const split = text.search(/\r?\n\r?\n/);
    const head = text.slice(0, split);
    if (!new RegExp(`^To: .*${recipient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'mi').test(head)) continue;
    let body = text.slice(split).trim();
    if (/^Content-Transfer-Encoding: base64/mi.test(head)) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    else if (/^Content-Transfer-Encoding: quoted-printable/mi.test(head)) body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    else body = Buffer.from(body, 'latin1').toString('utf8');
    bodies.push(body);
  }
  return bodies;
}

/// Waits up to `ms` for a mail to `recipient` whose body `found` answers; returns it.
async function waitForMail(recipient, found, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const body of mailsTo(recipient)) {
      const answer = found(body);
      if (answer) return answer;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${recipient} with ${what} in ${process.env.MAIL_DIR}`);
}

/// The first link starting with `marker` (e.g. '/confirm?token=') in a mail to `recipient`.
/// Waits up to 15 s.
export async function mailedLink(recipient, marker) {
  const link = new RegExp(`https?://\\S*${marker.replace(/[?]/g, '\\?')}[0-9a-f]+`);
  return waitForMail(recipient, (body) => body.match(link)?.[0], 15_000, marker);
}

/// A mail to `recipient` that says `text`; waits up to `ms` (news is mailed once a minute).
export async function mailedText(recipient, text, ms = 75_000) {
  return waitForMail(recipient, (body) => (body.includes(text) ? body : null), ms, `“${text}”`);
}
