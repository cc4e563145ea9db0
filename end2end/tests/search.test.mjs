// A person searches as they type: with or without marks, in English, with filters; with and
// without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, screenshot, accessible } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const titles = (page) => page.locator('.hits .card-title').allTextContents();

test('the header search finds lobster work typed without marks, highlighted', async () => {
  const page = await newPage(browser, { locale: 'vi-VN' });
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).first().fill('nuoi tom hum');
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).first().press('Enter');
  await page.waitForURL(/\/search\?q=nuoi\+tom\+hum/);
  const found = await titles(page);
  assert.ok(found.length >= 3, `found ${found.length}`);
  assert.match(found.slice(0, 5).join(' | '), /tôm hùm/i);
  assert.ok(await page.locator('.hits mark').count() > 0, 'matches are highlighted');
  await screenshot(page, 'vi-search-nuoi-tom-hum');
  await accessible(page);
});

test('on a phone the results come first, the filters open from a button, a word nobody holds is said', async () => {
  const page = await newPage(browser, { locale: 'vi-VN', width: 360, height: 740 });
  await page.goto('/search?q=tom+hum+zzqx');
  await hydrated(page);
  await page.getByText('Không mục nào có “zzqx” nên đã bỏ qua khi tìm.').waitFor();
  assert.match((await titles(page)).slice(0, 3).join(' | '), /tôm hùm/i);
  const filters = page.locator('#filters');
  assert.equal(await filters.isVisible(), false, 'the filters wait behind their button');
  await screenshot(page, 'vi-search-phone');
  await accessible(page);
  await page.getByRole('link', { name: 'Bộ lọc', exact: true }).click();
  await filters.waitFor();
  await filters.getByText('Đang mở', { exact: true }).waitFor();
  // A click, not check(): choosing a filter reloads the results, and on a phone the reloaded
  // page keeps its filters closed, so the box is no longer there to be seen checked.
  await page.getByRole('checkbox', { name: /^Phòng thí nghiệm \(\d+\)$/ }).click();
  await page.waitForURL(/kind=lab/);
  await page.getByRole('link', { name: 'Bộ lọc (1 đang chọn)' }).click();
  // Groups with nothing to choose are left out: no lab is open or closed.
  await filters.getByText('Loại', { exact: true }).waitFor();
  assert.equal(await filters.getByText('Đang mở', { exact: true }).count(), 0);
  await screenshot(page, 'vi-search-filtered-phone');
  await accessible(page);
});

test('English finds Vietnamese records, and a kind filter narrows them (hydrated)', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.goto('/search?q=lobster+disease');
  await hydrated(page);
  assert.ok((await titles(page)).length > 0);
  await page.getByRole('checkbox', { name: /^Labs \(\d+\)$/ }).check();
  await page.waitForURL(/kind=lab/);
  await page.waitForFunction(() => [...document.querySelectorAll('.hits .card-kind')].every((k) => k.textContent.trim() === 'Lab'));
  const kinds = await page.locator('.hits .card-kind').allTextContents();
  assert.ok(kinds.length > 0 && kinds.every((k) => k.trim() === 'Lab'), kinds.join(','));
  await screenshot(page, 'en-search-lobster-labs');
  await accessible(page);
  await page.goBack();
  await page.waitForURL((url) => !url.search.includes('kind=lab'));
});

test('suggestions appear while typing once hydrated', async () => {
  const page = await newPage(browser, { locale: 'vi-VN' });
  await page.goto('/search');
  await hydrated(page);
  await page.locator('#search-q').pressSequentially('vac', { delay: 50 });
  const list = page.getByRole('list', { name: 'Gợi ý' });
  await list.waitFor();
  const first = list.getByRole('link').first();
  assert.match(await first.textContent(), /vắc/i);
  await first.click();
  await page.waitForURL(/\/(offers|labs|calls|needs|organizations|experts|pilots)\//);
});

test('a typo still finds, and nothing-found says what to try', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.goto('/search?q=vaccne+quality');
  assert.match((await titles(page)).slice(0, 3).join(' | '), /vaccine|vắc xin/i);
  await page.goto('/search?q=zzqxw');
  await page.getByText('Nothing matched.').waitFor();
  await page.goto('/search?q=lobster&kind=call&sector=culture');
  await page.getByRole('link', { name: /Remove the filters to see \d+ results/ }).click();
  await page.waitForURL((url) => !url.search.includes('kind='));
  assert.ok((await titles(page)).length > 0);
});

test('search works without JavaScript', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto('/search?q=dien+mat+troi');
  assert.match((await titles(page)).slice(0, 3).join(' | '), /điện mặt trời/i);
  await page.getByRole('checkbox', { name: /^Công nghệ chào bán/ }).check();
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await page.waitForURL(/kind=offer/);
  const kinds = await page.locator('.hits .card-kind').allTextContents();
  assert.ok(kinds.length > 0 && kinds.every((k) => k.trim() === 'Công nghệ chào bán'));
});
