// Shared set-up of the end-to-end tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
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
