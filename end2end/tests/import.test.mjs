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
  assert.match(await refused.textContent(), /Tổ chức «vien-sai-loai»: giá trị «ngo» không có trong danh mục/, 'why, in Vietnamese');
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

test('a large file shows how far it has gone, in English at desktop width', async () => {
  const page = await newPage(browser, { width: 1280, height: 900 });
  await signInAsOfficer(page);
  await page.goto('/lang/en?next=/admin/import');
  await hydrated(page);
  const downloaded = await (await page.request.get('/organizations.csv')).text();
  const columns = downloaded.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
  const line = (values) => columns.map((c) => cell(values[c] ?? '')).join(',');
  // ~4 MB: thousands of new organizations with a long description each.
  const stamp = Date.now();
  const about = 'Một viện nghiên cứu nhập từ bảng tính lớn của tỉnh. '.repeat(12);
  const rows = Array.from({ length: 6000 }, (_, n) => line({
    id: `to-chuc-lon-${stamp}-${n}`, name: `Tổ chức số ${n}`, org_type: 'research_institute', description: about,
    sectors: 'aquaculture', location: 'Nha Trang',
  }));
  const file = `${columns.join(',')}\r\n${rows.join('\r\n')}\r\n`;
  assert.ok(file.length > 3_000_000, `${file.length} characters`);
  await page.getByLabel('File (CSV or JSON Lines, at most 10 MB)').setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.locator('.upload-progress').getByText(/Sending the file|the portal is checking each line/).waitFor();
  await screenshot(page, 'en-desktop-import-progress');
  await page.waitForURL(/\/admin\/import\?file=/, { timeout: 120_000 });
  const verdicts = page.locator('#verdicts');
  const count = async (label) => Number(await verdicts.locator('.count-tile', { hasText: label }).locator('.count').textContent());
  assert.equal(await count('New'), 6000);
  assert.equal(await count('Rejected'), 0);
  await verdicts.getByRole('button', { name: 'Store 6000 records' }).waitFor();
  await screenshot(page, 'en-desktop-import-verdicts');
  await accessible(page);
  assert.deepEqual(page.errors, []);
});
