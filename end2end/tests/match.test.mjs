// A business describes its need and walks from the suggested partners to a lab's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, screenshot, accessible } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('find partners → explained matches → a lab page', async () => {
  const page = await newPage(browser, { locale: 'vi-VN' });
  await page.goto('/');
  await page.getByRole('link', { name: 'Tìm đối tác' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Tìm đối tác' }).waitFor();
  await page.getByLabel('Nhu cầu của bạn').fill('Tôm hùm nuôi lồng chết hàng loạt');
  await page.getByLabel('Mô tả thêm').fill('Cần xét nghiệm PCR để tìm nguyên nhân bệnh sữa và cách phòng trị.');
  await page.getByRole('checkbox', { name: 'Phòng thí nghiệm' }).check();
  await page.getByRole('button', { name: 'Tìm đối tác' }).click();
  await page.waitForURL(/\/match\?.*title=/);
  const labs = page.locator('.match-group', { has: page.getByRole('heading', { name: 'Phòng thí nghiệm' }) });
  await labs.waitFor();
  const first = labs.locator('.card').first();
  const reasons = await first.locator('.reasons li').allTextContents();
  assert.ok(reasons.length > 0, 'a match says why');
  await screenshot(page, 'vi-find-partners');
  await accessible(page);
  const name = (await first.locator('.card-title a').textContent()).trim();
  await first.locator('.card-title a').click();
  await page.waitForURL(/\/labs\//);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Nhu cầu có thể đáp ứng' }).waitFor();
});

test('on a phone, moving from one box to the next keeps what was typed', async () => {
  const page = await newPage(browser, { locale: 'vi-VN', width: 360, height: 740 });
  await page.goto('/match');
  await hydrated(page);
  await page.getByLabel('Nhu cầu của bạn').fill('Nuoc mam len men nhanh');
  await page.getByLabel('Mô tả thêm').click();
  await page.getByLabel('Mô tả thêm').fill('Can phong thi nghiem kiem tra histamine trong nuoc mam.');
  await page.waitForTimeout(500);
  assert.ok(!page.url().includes('title='), `nothing is sent before the button: ${page.url()}`);
  assert.equal(await page.getByLabel('Nhu cầu của bạn').inputValue(), 'Nuoc mam len men nhanh');
  await page.getByRole('button', { name: 'Tìm đối tác' }).click();
  await page.waitForURL(/\/match\?.*title=/);
  assert.match(decodeURIComponent(page.url().replace(/\+/g, ' ')), /description=Can phong thi nghiem kiem tra histamine/);
  // The answer opens on the partners, not on the form above them.
  await page.locator('#partners .match-group').first().waitFor();
  const top = await page.locator('#partners').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top > -2 && top < 200, `the partners are in view: ${top}`);
  await screenshot(page, 'vi-match-phone-results');
  await accessible(page);
  assert.deepEqual(page.errors, []);
});

test('a need page lists its partners grouped by kind, in English', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.goto('/needs');
  await page.locator('.list-results .card h3 a').first().click();
  await page.waitForURL(/\/needs\//);
  await page.getByRole('heading', { level: 2, name: 'Suggested partners' }).waitFor();
  assert.ok(await page.locator('.matches .card').count() > 0);
  assert.ok(await page.locator('.matches .reasons li').count() > 0);
  await screenshot(page, 'en-need-matches');
  await accessible(page);
});

test('once hydrated, choosing what to look for updates the matches at once', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.goto('/match?title=rooftop+solar+for+a+cold+store');
  await hydrated(page);
  await page.getByRole('checkbox', { name: 'Sandbox pilot' }).check();
  await page.waitForURL(/looking_for=pilot/);
  // One group, of pilots; its cards do not repeat the kind under the group's title.
  await page.waitForFunction(() => [...document.querySelectorAll('.match-group .group-title')].map((t) => t.textContent.trim()).join() === 'Sandbox pilots');
  assert.equal(await page.locator('.match .card-kind').count(), 0);
});
