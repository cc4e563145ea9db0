// Every kind's list and record page renders in both languages, on a desktop and a 360 px phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, screenshot, accessible } from './support.mjs';

const KINDS = ['organizations', 'labs', 'experts', 'offers', 'needs', 'calls', 'pilots'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [locale, lang] of [['vi-VN', 'vi'], ['en-US', 'en']]) {
  test(`each list and record page reads well in ${lang}`, async () => {
    const page = await newPage(browser, { locale });
    for (const kind of KINDS) {
      const list = await page.goto(`/${kind}`);
      assert.equal(list.status(), 200, `/${kind}`);
      const first = page.locator('.list-results .card h3 a').first();
      const name = (await first.textContent()).trim();
      await first.click();
      await page.waitForURL(new RegExp(`/${kind}/`));
      await page.getByRole('heading', { level: 1, name }).waitFor();
      assert.ok(await page.locator('dl.fields .field').count() > 0, `${kind} record shows its fields`);
      await screenshot(page, `${lang}-${kind}-detail`);
      await accessible(page);
    }
    assert.deepEqual(page.errors, []);
  });
}

test('a phone sees the list without sideways scrolling', async () => {
  const page = await newPage(browser, { width: 360, height: 740 });
  for (const path of ['/', '/calls', '/labs']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px at 360px`);
  }
  await screenshot(page, 'vi-phone-labs');
  await accessible(page);
});
