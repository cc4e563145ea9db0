// An officer imports the province's spreadsheet on /admin/import: each line's verdict first,
// nothing stored until confirmed, then stored in one go.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, screenshot, signInAsOfficer, accessible } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A CSV cell as spreadsheets write it.
const cell = (value) => (/[",\r\n;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

test('an officer sees each line of a spreadsheet, then stores the good ones', async () => {
  const page = await newPage(browser, { width: 360, height: 800 });
  await signInAsOfficer(page);
  // The list as downloaded, with a new organization and a line a person got wrong.
  const downloaded = await (await page.request.get('/organizations.csv')).text();
  const rows = downloaded.replace(/^\uFEFF/, '').trimEnd();
  const columns = rows.split(/\r?\n/)[0].split(',');
  const line = (values) => columns.map((c) => cell(values[c] ?? '')).join(',');
  const id = `vien-thu-nghiem-${Date.now()}`;
  const added = {
    id, name: 'Viện Thử nghiệm Nhập liệu', org_type: 'research_institute', description: 'Một viện nhập từ bảng tính; có dấu phẩy, và "ngoặc kép".',
    sectors: 'aquaculture; biotechnology', location: 'Nha Trang',
  };
  const wrong = { ...added, id: 'vien-sai-loai', org_type: 'ngo' };
  const file = `\uFEFF${rows}\r\n${line(added)}\r\n${line(wrong)}\r\n`;
  const lines = file.trimEnd().split(/\r?\n/).length;

  await page.goto('/account');
  await hydrated(page);
  await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
  await page.waitForURL(/\/admin\/import$/);
  await page.getByLabel('Tệp (CSV hoặc JSON Lines, tối đa 10 MB)').setInputFiles({ name: 'to-chuc.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await page.waitForURL(/\/admin\/import\?file=/);
  await hydrated(page);
  const verdicts = page.locator('#verdicts');
  const count = async (label) => Number(await verdicts.locator('.count-tile', { hasText: label }).locator('.count').textContent());
  assert.equal(await count('Mới'), 1);
  assert.equal(await count('Bị từ chối'), 1);
  assert.ok(await count('Không đổi') >= 10, 'the downloaded rows come back unchanged');
  const refused = verdicts.locator('tr.rejected');
  assert.equal((await refused.locator('td').first().textContent()).trim(), String(lines), 'the line as the spreadsheet numbers it');
  assert.match(await refused.textContent(), /ngo/);
  assert.equal((await page.request.get(`/api/organization/${id}`)).status(), 404, 'nothing stored yet');
  await screenshot(page, 'vi-phone-import-verdicts');
  await accessible(page);

  await verdicts.getByRole('button', { name: /^Lưu \d+ hồ sơ$/ }).click();
  await verdicts.getByText('Đã lưu trong một giao dịch').waitFor();
  await screenshot(page, 'vi-phone-import-stored');
  assert.equal(await verdicts.getByRole('button', { name: /^Lưu/ }).count(), 0, 'stored once');
  await verdicts.getByRole('link', { name: id }).click();
  await page.getByRole('heading', { level: 1, name: 'Viện Thử nghiệm Nhập liệu' }).waitFor();
  const record = await (await page.request.get(`/api/organization/${id}`)).json();
  assert.deepEqual(record.sectors, ['aquaculture', 'biotechnology']);
  assert.equal(record.description, added.description);
  assert.deepEqual(page.errors, []);
});
