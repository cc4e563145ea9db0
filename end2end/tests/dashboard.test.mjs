// The province's dashboard and the open-data page: charts from live data with their tables,
// an officer recording a year's value against a 2030 target, and the downloads they link to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, screenshot, signInAsOfficer, accessible } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('anyone reads the dashboard: figures, charts with tables, targets', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.goto('/dashboard');
  await hydrated(page);
  await page.getByRole('heading', { level: 1, name: 'Innovation dashboard' }).waitFor();
  const published = Number(await page.locator('.figures li').first().locator('strong').textContent());
  assert.ok(published > 100, `the demo catalogue is counted (${published})`);
  assert.ok(await page.locator('.chart-card svg').count() >= 7, 'charts drawn on the server');
  // The table says what the chart shows: the labs row carries the number of labs.
  const byKind = page.locator('#by-kind');
  await byKind.getByText('Show as a table').click();
  const labsRow = byKind.locator('tr', { hasText: 'Labs' });
  await labsRow.waitFor();
  const labs = Number(await labsRow.locator('td').textContent());
  await page.goto('/labs');
  const count = await page.locator('.result-count').textContent();
  assert.equal(count, `${labs} results`);
  await page.goto('/dashboard');
  assert.equal(await page.locator('.indicator').count(), 13, 'every target of the resolution');
  assert.equal(await page.locator('#record-value').count(), 0, 'only officers see the form');
  // Each lab's work: the demo labs with priced services are listed, and all of them download.
  const labRows = page.locator('#labs tbody tr');
  assert.ok(await labRows.count() >= 6, 'the labs with services');
  const csv = await page.request.get(new URL(await page.locator('#labs a', { hasText: 'CSV' }).getAttribute('href'), page.url()).href);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /^id,title,services,requests,accepted_quotes,/);
  await screenshot(page, 'en-dashboard');
  await accessible(page);
  assert.deepEqual(page.errors, []);
});

test('an officer records a year value and sees it against the target', async () => {
  const page = await newPage(browser, { width: 390, height: 844 });
  await signInAsOfficer(page);
  await page.goto('/dashboard');
  await hydrated(page);
  const form = page.locator('#record-value');
  await form.getByLabel('Chỉ tiêu').selectOption('cashless');
  await form.getByLabel('Năm').fill('2024');
  await form.getByLabel('Giá trị (số, ví dụ 2,5)').fill('nhiều');
  await form.getByLabel('Nguồn số liệu').fill('Ngân hàng Nhà nước chi nhánh Khánh Hòa');
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await form.locator('#value-error').waitFor();
  assert.equal(await form.getByLabel('Nguồn số liệu').inputValue(), 'Ngân hàng Nhà nước chi nhánh Khánh Hòa', 'what was typed stays');
  const card = page.locator('[data-indicator=cashless]');
  assert.equal((await card.locator('.latest').textContent()).trim(), '—', 'nothing stored from a bad form');

  await form.getByLabel('Giá trị (số, ví dụ 2,5)').fill('62,5');
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await form.getByText('Đã ghi nhận số liệu.').waitFor();
  assert.match(page.url(), /#record-value$/, 'the page comes back at the form');
  await card.locator('.latest', { hasText: '62,5% (2024)' }).waitFor();
  assert.equal(await form.getByLabel('Chỉ tiêu').inputValue(), 'cashless', 'the form keeps its values for the next year');
  await form.getByLabel('Năm').fill('2025');
  await form.getByLabel('Giá trị (số, ví dụ 2,5)').fill('81');
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await card.locator('.latest', { hasText: '81% (2025)' }).waitFor();
  assert.equal((await card.locator('.verdict').textContent()).trim(), 'Đạt mục tiêu');
  assert.match(await card.textContent(), /\+18,5 so với 2024/);
  assert.equal(await card.locator('svg').count(), 1, 'the trend is drawn');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'vi-phone-dashboard-officer');
  await accessible(page);
  assert.deepEqual(page.errors, []);
});

test('the open-data page links downloads that carry the list filters', async () => {
  const page = await newPage(browser);
  await page.goto('/calls?sector=aquaculture');
  await hydrated(page);
  const shown = Number((await page.locator('.result-count').textContent()).split(' ')[0]);
  const csvHref = await page.getByRole('link', { name: 'Tải CSV' }).getAttribute('href');
  assert.equal(csvHref, '/calls.csv?sector=aquaculture');
  const csv = await page.request.get(csvHref);
  assert.equal(csv.headers()['content-type'], 'text/csv; charset=utf-8');
  const lines = (await csv.text()).trim().split('\n');
  assert.ok(lines.length - 1 >= shown, `${lines.length - 1} rows for ${shown} shown`);
  const feed = await page.request.get(await page.getByRole('link', { name: 'Theo dõi (Atom)' }).getAttribute('href'));
  assert.match(await feed.text(), /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);

  await page.goto('/open-data');
  await page.getByRole('heading', { level: 1, name: 'Dữ liệu mở' }).waitFor();
  await page.getByRole('link', { name: 'Creative Commons Attribution 4.0 (CC BY 4.0)' }).waitFor();
  for (const href of ['/api/openapi.json', '/feeds/offers.atom', '/sitemap.xml', '/organizations.csv']) {
    const response = await page.request.get(href);
    assert.equal(response.status(), 200, href);
  }
  await screenshot(page, 'vi-open-data');
  await accessible(page);
  assert.deepEqual(page.errors, []);
});
