// A visitor browses the catalogue: home → list → filter → detail, in Vietnamese and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, screenshot, accessible } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('home → labs → filter by sector → lab → its institute, in Vietnamese', async () => {
  const page = await newPage(browser, { locale: 'vi-VN' });
  await page.goto('/');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await page.getByRole('heading', { level: 1, name: 'Sàn Đổi mới sáng tạo Khánh Hòa' }).waitFor();
  await hydrated(page);
  await screenshot(page, 'vi-home');
  await accessible(page);

  await page.getByRole('navigation', { name: 'Danh mục' }).getByRole('link', { name: 'Phòng thí nghiệm' }).click();
  await page.getByRole('heading', { level: 1, name: 'Phòng thí nghiệm' }).waitFor();
  // Links load whole pages: the filters apply on change once this page's islands hydrate.
  await hydrated(page);
  const before = await page.locator('.result-count').textContent();

  // Choosing a sector applies at once: only the hydrated page can do that without the button.
  await page.getByLabel('Lĩnh vực').selectOption('vaccines');
  await page.waitForURL(/sector=vaccines/);
  await page.waitForFunction((old) => document.querySelector('.result-count')?.textContent !== old, before);
  const cards = page.locator('.list-results .card');
  // The count and the cards are rendered in separate steps: wait for the cards too.
  await cards.first().waitFor();
  assert.ok((await cards.count()) > 0, 'some labs work on vaccines');
  for (const chips of await cards.locator('.chips').allTextContents()) {
    assert.match(chips, /Vắc xin và sinh phẩm y tế/);
  }
  await screenshot(page, 'vi-labs-vaccines');
  await accessible(page);

  const first = cards.first().getByRole('heading').getByRole('link');
  const name = (await first.textContent()).trim();
  await first.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Thuộc tổ chức' }).waitFor();
  await screenshot(page, 'vi-lab-detail');
  await accessible(page);

  const institute = page.locator('section.related', { has: page.getByRole('heading', { level: 2, name: 'Thuộc tổ chức' }) });
  await institute.locator('.card h3 a').first().click();
  await page.waitForURL(/\/organizations\//);
  await page.getByRole('heading', { level: 2, name: 'Phòng thí nghiệm' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('on a phone the header is one row whose menu opens the sections, with or without script', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await newPage(browser, { locale: 'vi-VN', width: 360, height: 740, javaScriptEnabled });
    await page.goto('/needs');
    const height = await page.locator('.site-header').evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(height <= 64, `the header is ${height} px high`);
    await page.locator('.site-menu summary').click();
    const menu = page.locator('.site-menu');
    await menu.getByRole('link', { name: 'Đăng ký' }).waitFor();
    if (javaScriptEnabled) {
      await screenshot(page, 'vi-phone-menu');
      await accessible(page);
      // It closes with Escape, focus back on its button, and with a tap outside it.
      await page.keyboard.press('Escape');
      assert.equal(await menu.evaluate((d) => d.open), false);
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
      await page.locator('.site-menu summary').click();
      await page.locator('.site-footer p').first().click();
      assert.equal(await menu.evaluate((d) => d.open), false);
      await page.locator('.site-menu summary').click();
    }
    await menu.getByRole('navigation', { name: 'Danh mục' }).getByRole('link', { name: 'Kêu gọi đề xuất' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kêu gọi đề xuất' }).waitFor();
    // The results come first; the filters open from their link, which counts those set.
    const top = await page.locator('.list-results .card').first().evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(top < 300, `the first result starts ${top} px down`);
    assert.equal(await page.getByLabel('Lĩnh vực').isVisible(), false);
    await page.getByRole('link', { name: 'Bộ lọc' }).click();
    await page.getByLabel('Lĩnh vực').selectOption('aquaculture');
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/sector=aquaculture/);
    await page.getByRole('link', { name: 'Bộ lọc (1 đang chọn)' }).waitFor();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `the page is ${wide} px wide`);
    await page.context().close();
  }
});

test('the language switch turns the portal to English and is remembered', async () => {
  const page = await newPage(browser, { locale: 'vi-VN' });
  await page.goto('/offers');
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/\/offers$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'Technology offers' }).waitFor();
  await page.goto('/calls');
  await page.getByRole('heading', { level: 1, name: 'Calls for proposals' }).waitFor();
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kêu gọi đề xuất' }).waitFor();
});

test('an English browser gets English on its first visit, and filters by TRL', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.goto('/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'Khánh Hòa Innovation Exchange' }).waitFor();
  await screenshot(page, 'en-home');
  await accessible(page);
  await page.goto('/offers');
  await hydrated(page);
  await page.getByLabel('TRL from').selectOption('7');
  await page.waitForURL(/trl_min=7/);
  await page.locator('.list-results .card').first().waitFor();
  for (const badges of await page.locator('.list-results .card .badges').allTextContents()) {
    const trl = Number(badges.match(/TRL (\d)/)[1]);
    assert.ok(trl >= 7, `an offer at TRL ${trl} passed the filter`);
  }
  await screenshot(page, 'en-offers-trl7');
  await accessible(page);
  const first = page.locator('.list-results .card h3 a').first();
  await first.click();
  await page.getByRole('heading', { level: 2, name: /Owning|Technology offers/ }).first().waitFor();
  await page.getByText('Readiness').waitFor();
  await screenshot(page, 'en-offer-detail');
  await accessible(page);
});

test('filters and pages work without JavaScript', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto('/organizations');
  await page.getByLabel('Loại tổ chức').selectOption('research_institute');
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await page.waitForURL(/type=research_institute/);
  const badges = await page.locator('.list-results .card .badges').allTextContents();
  assert.ok(badges.length > 0);
  for (const b of badges) assert.match(b, /Viện nghiên cứu/);
  await page.goto('/experts');
  const next = page.getByRole('link', { name: 'Trang sau →' });
  await next.click();
  await page.waitForURL(/page=2/);
  await page.getByText(/Trang 2 \//).waitFor();
});

test('an unknown page and an unknown record answer 404 with a helpful page', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  const missing = await page.goto('/no-such-page');
  assert.equal(missing.status(), 404);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  const record = await page.goto('/labs/no-such-lab');
  assert.equal(record.status(), 404);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await screenshot(page, 'en-404');
  await accessible(page);
});
