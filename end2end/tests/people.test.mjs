// People acting on the portal, each in their own browser: a startup signs up, creates its
// profile (Vietnamese, on a phone); a researcher (English, on a desktop) publishes a lab of an
// institute, which an officer confirms, an expert profile and a technology offer; the startup
// posts a need, sees its matches and asks the lab for an introduction; the researcher accepts;
// the officer publishes a call; the startup applies; the officer accepts; the startup follows
// every step in its inbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, hydrated, screenshot, signInAsOfficer, mailedLink, mailedText, accessible } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const stamp = Date.now().toString(36);
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/// The sign-up pages' words in each language.
const SIGN_UP = {
  vi: {
    name: 'Họ và tên', password: 'Mật khẩu', consent: /Tôi đồng ý với điều khoản sử dụng/, create: 'Tạo tài khoản',
    sent: 'Chúng tôi đã gửi thư tới email này', chosen: 'Mật khẩu bạn đã chọn khi đăng ký', confirm: 'Xác nhận và tạo tài khoản',
  },
  en: {
    name: 'Full name', password: 'Password', consent: /I agree to the terms of use/, create: 'Create account',
    sent: 'We have sent a mail to this address', chosen: 'The password you chose when signing up', confirm: 'Confirm and create account',
  },
};

async function signUp(page, { name, email, role, lang = 'vi' }) {
  const words = SIGN_UP[lang];
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel(words.name).fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(words.password).fill('một mật khẩu đủ dài');
  await page.getByRole('radio', { name: role }).check();
  await page.getByRole('checkbox', { name: words.consent }).check();
  await page.getByRole('button', { name: words.create }).click();
  // The address is confirmed by the link mailed to it; the link's page asks for the password chosen.
  await page.getByText(words.sent).waitFor();
  // The form steps aside so that nobody signs up twice.
  await page.getByRole('button', { name: words.create }).waitFor({ state: 'hidden' });
  await page.goto(await mailedLink(email, '/confirm?token='));
  await page.getByLabel(words.chosen).fill('một mật khẩu đủ dài');
  await page.getByRole('button', { name: words.confirm }).click();
  await page.waitForURL(/\/account$/);
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/// Publishes the form on the page (with an impatient double click, which must publish once)
/// and waits for the record's page.
async function publish(page, path, button = 'Đăng công khai') {
  await page.getByRole('button', { name: button }).dblclick();
  const record = new RegExp(`^${path}/[a-z0-9-]+$`);
  await page.waitForURL((url) => record.test(url.pathname) && !url.pathname.endsWith('/new'));
  const pathname = new URL(page.url()).pathname;
  assert.doesNotMatch(pathname, /-2$/, 'published once');
  return pathname;
}

test('startup, researcher and officer: from sign-up to an accepted application', async () => {
  const startup = await newPage(browser, { locale: 'vi-VN', width: 360, height: 800 });
  const researcher = await newPage(browser, { locale: 'en-US', width: 1280, height: 900 });
  const officer = await newPage(browser, { locale: 'vi-VN' });

  // A startup signs up; a form with a mistake says what is wrong next to the field.
  await signUp(startup, { name: 'Lê Thị Hồng', email: `hong-${stamp}@rongbien.vn`, role: 'Thành viên doanh nghiệp' });
  await startup.getByRole('link', { name: 'Tạo hồ sơ tổ chức' }).click();
  await startup.waitForURL(/\/organizations\/new$/);
  await hydrated(startup);
  await startup.getByLabel('Tên (tiếng Việt hoặc tên gốc) *').fill(`Rong Biển Cam Ranh ${stamp}`);
  await startup.getByLabel('Loại tổ chức *').selectOption('startup');
  await startup.getByLabel('Giới thiệu *').fill('Khởi nghiệp chế biến rong sụn và rong nho thành thực phẩm chức năng.');
  await startup.getByLabel('Địa điểm *').fill('Cam Ranh');
  await startup.getByLabel('Trang web').fill('rongbien.vn');
  await startup.getByRole('button', { name: 'Đăng công khai' }).click();
  await startup.locator('.field-error', { hasText: 'http' }).waitFor();
  await startup.locator('.field-error', { hasText: 'ít nhất một' }).first().waitFor();
  await screenshot(startup, 'vi-form-errors-phone');
  await accessible(startup);
  await startup.getByLabel('Trang web').fill('https://rongbien.vn');
  await startup.getByRole('checkbox', { name: 'Nuôi trồng thủy sản, nuôi biển' }).check();
  const org = await publish(startup, '/organizations');
  await startup.getByRole('heading', { level: 1, name: `Rong Biển Cam Ranh ${stamp}` }).waitFor();

  // The founder invites a co-founder, who has no account yet: the mailed link sends her to sign
  // up with that address, and the invitation waits on her account page once it is confirmed.
  await startup.goto('/account');
  await hydrated(startup);
  const cofounder = `thu-${stamp}@rongbien.vn`;
  await startup.getByLabel('Email của đồng nghiệp').fill(cofounder);
  await startup.getByRole('button', { name: 'Gửi lời mời' }).click();
  await startup.getByText('Đã gửi lời mời qua email').waitFor();
  await startup.locator('.invited', { hasText: cofounder }).waitFor();
  // The box is empty again for the next colleague; the invitation can be withdrawn.
  assert.equal(await startup.getByLabel('Email của đồng nghiệp').inputValue(), '');
  await startup.getByRole('button', { name: `Huỷ lời mời ${cofounder}` }).waitFor();
  await startup.locator('#invite').screenshot({ path: `${process.env.SCREENSHOT_DIR}/vi-invite-sent.png` });
  const partner = await newPage(browser, { locale: 'vi-VN', width: 360, height: 740 });
  await partner.goto(await mailedLink(cofounder, '/join?token='));
  await screenshot(partner, 'vi-invitation-phone');
  await accessible(partner);
  await partner.locator('.form-page').getByRole('link', { name: 'Đăng ký', exact: true }).click();
  await partner.waitForURL(/\/signup\?email=/);
  assert.equal(await partner.getByLabel('Email').inputValue(), cofounder);
  await signUp(partner, { name: 'Trần Thu', email: cofounder, role: 'Thành viên doanh nghiệp' });
  await hydrated(partner);
  await partner.locator('#invitations').getByText('Lê Thị Hồng mời bạn tham gia').waitFor();
  await screenshot(partner, 'vi-invitation-waiting-phone');
  await accessible(partner);
  await partner.getByRole('button', { name: `Tham gia Rong Biển Cam Ranh ${stamp}` }).click();
  await partner.waitForURL(/\/account\?joined=/);
  await partner.getByText(`Bạn đã là thành viên của Rong Biển Cam Ranh ${stamp}.`).waitFor();
  await partner.locator('#invitations').waitFor({ state: 'detached' });
  await partner.locator('.fields').getByRole('link', { name: `Rong Biển Cam Ranh ${stamp}` }).waitFor();
  await partner.locator('.members', { hasText: 'Lê Thị Hồng' }).waitFor();

  // A researcher, reading English on a desktop, signs up and publishes a lab of an institute
  // (its texts in Vietnamese, as the institute writes them).
  await signUp(researcher, { name: 'TS. Phạm Minh', email: `minh-${stamp}@ria3.vn`, role: 'Researcher', lang: 'en' });
  await researcher.goto('/labs/new');
  await hydrated(researcher);
  await researcher.getByLabel('Lab name *').fill(`Phòng công nghệ chế biến rong biển ${stamp}`);
  // Organizations are chosen by name (the box suggests them), never by id.
  await researcher.getByLabel('Organization *').fill('Viện Nghiên cứu Nuôi trồng Thủy sản III');
  await researcher.getByLabel('Description *').fill('Tách chiết carrageenan và fucoidan từ rong sụn, rong nâu; sấy lạnh rong nho giữ màu.');
  await researcher.getByLabel(/Capabilities for partners/).fill('Tách chiết carrageenan từ rong sụn\nSấy lạnh rong nho');
  await researcher.getByRole('checkbox', { name: 'Aquaculture and mariculture' }).check();
  await researcher.getByRole('checkbox', { name: 'Fisheries and seafood processing' }).check();
  // The lab names RIA3, which the researcher's account does not belong to: it waits, as a
  // draft, until RIA3's people or an officer confirm it.
  await researcher.getByRole('button', { name: 'Publish' }).click();
  await researcher.waitForURL(/\/mine#affiliations$/);
  await researcher.locator('#affiliations .badge', { hasText: 'Waiting' }).waitFor();
  await screenshot(researcher, 'en-affiliation-waiting');
  await accessible(researcher);
  const labName = `Phòng công nghệ chế biến rong biển ${stamp}`;

  // An officer signs in and confirms the affiliation from their own page.
  await signInAsOfficer(officer);
  await officer.goto('/mine');
  await hydrated(officer);
  const request = officer.locator('#affiliations li', { hasText: labName });
  await request.getByText(`minh-${stamp}@ria3.vn`).waitFor();
  await request.getByRole('button', { name: 'Xác nhận' }).click();
  await officer.locator('#affiliations li', { hasText: labName }).waitFor({ state: 'detached' });
  await researcher.goto('/inbox');
  await researcher.getByRole('link', { name: /confirmed that/ }).click();
  await researcher.getByRole('heading', { level: 1, name: labName }).waitFor();
  const lab = new URL(researcher.url()).pathname;
  assert.match(lab, /^\/labs\/[a-z0-9-]+$/);

  // The lab's priced services are typed in blocks of the lab's form; a bad price is refused
  // naming its block, the rest kept as typed; mended, the service is on the lab's page.
  await researcher.goto(`${lab}/edit`);
  await hydrated(researcher);
  await researcher.locator('#service_catalog-0-name').fill('Phân tích carrageenan trong rong sụn');
  await researcher.locator('#service_catalog-0-method').fill('Kết tủa cồn, cân khối lượng');
  await researcher.locator('#service_catalog-0-price_local_business').fill('ba trăm nghìn');
  await researcher.locator('#service_catalog-0-turnaround_days').fill('5');
  // And an instrument others may book by the hour.
  await researcher.locator('#instruments-0-name').fill('Máy đo độ nhớt Brookfield');
  await researcher.locator('[name="text[instruments.0.bookable]"]').check();
  await researcher.locator('#instruments-0-hourly_rate_vnd').fill('150.000');
  await researcher.getByRole('button', { name: 'Publish' }).click();
  await researcher.getByText('Service 1: the price “ba trăm nghìn” is not understood').first().waitFor();
  assert.equal(await researcher.locator('#service_catalog-0-method').inputValue(), 'Kết tủa cồn, cân khối lượng');
  await screenshot(researcher, 'en-lab-services-refused');
  await accessible(researcher);
  await researcher.locator('#service_catalog-0-price_local_business').fill('300.000');
  await researcher.getByRole('button', { name: 'Publish' }).click();
  await researcher.getByRole('heading', { level: 1, name: labName }).waitFor();
  await researcher.getByText(/Phân tích carrageenan trong rong sụn · Kết tủa cồn, cân khối lượng · .*300,000.* · 5 working days/).first().waitFor();

  // The researcher adds an expert profile, then a technology offer owned by the lab and the
  // profile, each chosen from their own listings by name.
  await researcher.goto('/experts/new');
  await hydrated(researcher);
  await researcher.getByLabel('Full name *').fill('TS. Phạm Minh');
  await researcher.getByLabel('Academic title').fill('PhD, marine biochemistry');
  await researcher.getByLabel('Biography *').fill('Nghiên cứu hoá sinh biển: tách chiết carrageenan, fucoidan từ rong đỏ và rong nâu.');
  await researcher.getByLabel('Expertise (one per line) *').fill('Tách chiết carrageenan\nSấy lạnh rong nho');
  await researcher.getByRole('checkbox', { name: 'Aquaculture and mariculture' }).check();
  await researcher.getByRole('checkbox', { name: 'Vietnamese', exact: true }).check();
  await researcher.getByRole('checkbox', { name: 'English', exact: true }).check();
  await researcher.getByRole('checkbox', { name: 'Joint research' }).check();
  await researcher.getByLabel('Based in *').selectOption({ label: 'In the province' });
  await screenshot(researcher, 'en-expert-form');
  await accessible(researcher);
  await publish(researcher, '/experts', 'Publish');
  await researcher.getByRole('heading', { level: 1, name: 'TS. Phạm Minh' }).waitFor();

  await researcher.goto('/offers/new');
  await hydrated(researcher);
  const offerTitle = `Quy trình sấy lạnh rong nho giữ màu ${stamp}`;
  await researcher.getByLabel('Technology title *').fill(offerTitle);
  await researcher.getByLabel('Summary *').fill('Sấy lạnh rong nho ở −40 °C giữ màu xanh và độ giòn; mẻ 20 kg, đã thử tại Cam Ranh.');
  await researcher.getByLabel('Owning lab').selectOption({ label: labName });
  await researcher.getByLabel('Owning expert').selectOption({ label: 'TS. Phạm Minh' });
  await researcher.getByRole('checkbox', { name: 'Aquaculture and mariculture' }).check();
  await researcher.getByLabel('Technology readiness level (TRL) *').selectOption('6');
  await researcher.getByLabel('IP status *').selectOption({ label: 'Know-how' });
  await researcher.getByRole('checkbox', { name: 'Licence' }).check();
  await screenshot(researcher, 'en-offer-form');
  await accessible(researcher);
  await publish(researcher, '/offers', 'Publish');
  await researcher.getByRole('heading', { level: 1, name: offerTitle }).waitFor();
  await researcher.locator('main').getByRole('link', { name: labName }).first().waitFor();

  // The startup posts a need and sees the lab among its suggested partners.
  await startup.goto('/needs/new');
  await hydrated(startup);
  await startup.getByLabel('Bạn cần giải quyết vấn đề gì? *').fill('Tách chiết carrageenan từ rong sụn Cam Ranh');
  await startup.getByLabel('Mô tả nhu cầu *').fill('Cần quy trình tách chiết carrageenan và sấy lạnh rong nho để làm thực phẩm chức năng.');
  await startup.getByRole('checkbox', { name: 'Nuôi trồng thủy sản, nuôi biển' }).check();
  await startup.getByRole('checkbox', { name: 'Phòng thí nghiệm' }).check();
  await publish(startup, '/needs');
  const match = startup.locator('.matches .card', { has: startup.locator('.card-title a', { hasText: labName }) });
  await match.waitFor();
  await screenshot(startup, 'vi-own-need-matches-phone');
  await accessible(startup);
  await match.getByRole('link', { name: 'Đề nghị giới thiệu' }).click();
  await startup.waitForURL((url) => url.pathname === lab && url.searchParams.has('with'));
  await hydrated(startup);
  await startup.getByLabel('Lời nhắn').fill('Chúng tôi muốn hợp tác tách chiết carrageenan quy mô 1 tấn rong mỗi tháng.');
  await startup.getByLabel('Về nhu cầu của bạn').locator('option:checked', { hasText: 'Tách chiết carrageenan' }).waitFor({ state: 'attached' });
  await startup.getByRole('button', { name: 'Gửi lời nhắn' }).click();
  await startup.waitForURL(/\/mine/);
  await startup.locator('#introductions .badge', { hasText: 'Đang chờ trả lời' }).waitFor();

  // The researcher is told, accepts, and sees the startup's contact.
  await researcher.goto('/inbox');
  await researcher.getByRole('link', { name: /asked to meet/ }).waitFor();
  await researcher.goto('/mine');
  await hydrated(researcher);
  await researcher.getByRole('button', { name: 'Accept' }).click();
  await researcher.locator('#introductions .badge', { hasText: 'Accepted' }).waitFor();
  await researcher.getByRole('link', { name: `hong-${stamp}@rongbien.vn` }).waitFor();
  await researcher.locator('#introductions').getByRole('link', { name: 'Tách chiết carrageenan từ rong sụn Cam Ranh' }).waitFor();
  await screenshot(researcher, 'en-introduction-accepted');
  await accessible(researcher);

  // The other way: from the lab's page, the researcher proposes the lab to the need it could
  // answer; the startup, who manages the need, is to answer.
  await researcher.goto(lab);
  const need = researcher.locator('.matches .card', { hasText: 'Tách chiết carrageenan từ rong sụn Cam Ranh' });
  await need.getByRole('link', { name: 'Offer to answer this need' }).click();
  await researcher.waitForURL((url) => url.pathname.startsWith('/needs/') && url.searchParams.get('with') === lab.slice(1).replace('labs/', 'lab/'));
  await hydrated(researcher);
  await researcher.getByText('manages this listing and answers within 7 days').waitFor();
  // The lab comes chosen; the offer and the expert profile are there to choose instead.
  const offering = researcher.getByLabel('What you offer (your listing)');
  await offering.locator('option:checked', { hasText: labName }).waitFor({ state: 'attached' });
  await offering.locator('option', { hasText: offerTitle }).waitFor({ state: 'attached' });
  await researcher.getByLabel('Message').fill('Phòng chúng tôi có quy trình tách chiết và sấy lạnh rong biển, sẵn sàng thử nghiệm cùng quý doanh nghiệp.');
  await screenshot(researcher, 'en-propose-to-need');
  await accessible(researcher);
  await researcher.getByRole('button', { name: 'Send message' }).click();
  await researcher.waitForURL(/\/mine/);
  await researcher.locator('#introductions li', { hasText: 'offered to answer the need' }).first().waitFor();
  await startup.goto('/mine');
  await startup.locator('#introductions li', { hasText: 'TS. Phạm Minh đề xuất đáp ứng nhu cầu' }).getByRole('link', { name: labName }).waitFor();

  // The startup, on its phone and typing without marks, finds the lab by its priced analysis
  // and asks for a quote; the researcher quotes on the desktop; the startup accepts.
  await startup.goto('/search?q=phan+tich+carrageenan+rong+sun');
  await startup.locator('.hits .card-title a', { hasText: labName }).first().click();
  await startup.waitForURL((url) => url.pathname === lab);
  await startup.locator('#services li', { hasText: 'Phân tích carrageenan trong rong sụn' }).getByRole('link', { name: /Yêu cầu báo giá/ }).click();
  await startup.waitForURL(/\/requests\/new\?/);
  await startup.getByLabel('Số mẫu *').fill('3');
  await startup.getByLabel('Mong có kết quả trước ngày').fill(day(14));
  await startup.getByLabel('Ghi chú cho phòng thí nghiệm').fill('Rong sụn khô, mỗi mẫu 200 g.');
  await screenshot(startup, 'vi-service-request-phone');
  await accessible(startup);
  await startup.getByRole('button', { name: 'Gửi yêu cầu báo giá' }).click();
  await startup.waitForURL(/\/requests\/\d+$/);
  const requestPage = new URL(startup.url()).pathname;
  await startup.locator('.badge', { hasText: 'Chờ báo giá' }).waitFor();

  await researcher.goto('/inbox');
  await researcher.getByRole('link', { name: /requested “Phân tích carrageenan trong rong sụn” \(3 samples\)/ }).click();
  await researcher.waitForURL((url) => url.pathname === requestPage);
  await researcher.locator('#line-0-label').fill('Phân tích carrageenan');
  await researcher.locator('#line-0-quantity').fill('3');
  await researcher.locator('#line-0-unit').fill('300,000');
  await researcher.getByLabel('Valid until *').fill(day(20));
  await researcher.getByLabel(/^Conditions/).fill('Gửi mẫu tới RIA3, Cam Ranh; thanh toán khi nhận kết quả.');
  await researcher.getByRole('button', { name: 'Send quote' }).click();
  await researcher.locator('.form-done', { hasText: 'Quote sent.' }).waitFor();
  await researcher.locator('#quote', { hasText: '900,000' }).waitFor();
  await screenshot(researcher, 'en-service-quote');
  await accessible(researcher);

  await startup.goto('/inbox');
  await startup.getByRole('link', { name: /báo giá 900\.000/ }).click();
  await startup.waitForURL((url) => url.pathname === requestPage);
  await startup.locator('#quote', { hasText: '900.000' }).waitFor();
  await startup.getByRole('button', { name: 'Chấp nhận báo giá' }).click();
  await startup.locator('.badge', { hasText: 'Đã chấp nhận báo giá' }).waitFor();
  await startup.getByRole('link', { name: `minh-${stamp}@ria3.vn` }).waitFor();
  await screenshot(startup, 'vi-quote-accepted-phone');
  await accessible(startup);
  // The startup prints the parcel's label; the lab marks the samples received.
  await startup.getByRole('link', { name: 'In nhãn gửi mẫu (có mã QR)' }).click();
  await startup.waitForURL((url) => url.pathname === `${requestPage}/label`);
  await startup.getByRole('heading', { level: 1, name: /^YC-\d{6}$/ }).waitFor();
  await startup.locator('.parcel-label .qr svg').waitFor();
  await screenshot(startup, 'vi-parcel-label-phone');
  await accessible(startup);
  await researcher.goto(requestPage);
  await researcher.getByRole('button', { name: 'Mark the samples received' }).click();
  await researcher.locator('.badge', { hasText: 'Samples received' }).waitFor();
  await startup.goto(requestPage);
  await startup.locator('.badge', { hasText: 'Đã nhận mẫu' }).waitFor();
  // The lab analyses, sends its results as a PDF and reports them ready; the startup downloads them.
  await researcher.getByRole('button', { name: 'Mark the analysis started' }).click();
  await researcher.locator('.badge', { hasText: 'In analysis' }).waitFor();
  await researcher.getByLabel('Results file (PDF, at most 10 MB)').setInputFiles(new URL('../fixtures/thuyet-minh-du-an.pdf', import.meta.url).pathname);
  await researcher.getByRole('button', { name: 'Send the results' }).click();
  await researcher.locator('#results .form-done', { hasText: 'The results file was sent.' }).waitFor();
  await researcher.getByRole('button', { name: 'Report the results ready' }).click();
  await researcher.locator('.badge', { hasText: 'Results ready' }).waitFor();
  await screenshot(researcher, 'en-service-results');
  await accessible(researcher);
  await startup.goto(requestPage);
  await startup.locator('.badge', { hasText: 'Đã có kết quả' }).waitFor();
  const results = startup.getByRole('link', { name: /Tải kết quả: thuyet-minh-du-an\.pdf/ });
  const fetched = await startup.request.get(new URL(await results.getAttribute('href'), startup.url()).href);
  assert.equal(fetched.status(), 200);
  assert.equal(fetched.headers()['content-type'], 'application/pdf');
  await screenshot(startup, 'vi-service-results-phone');
  await accessible(startup);

  // The startup books the lab's viscometer on its phone: two hours from a free hour of next
  // week; the lab approves on the desktop; the startup cancels, which frees the hours.
  await startup.goto(lab);
  await startup.locator('#instruments li', { hasText: 'Máy đo độ nhớt Brookfield' }).getByRole('link', { name: /Xem giờ trống/ }).click();
  await startup.waitForURL(/\/bookings\/new\?/);
  await startup.getByRole('link', { name: 'Tuần sau →' }).click();
  await startup.getByRole('link', { name: /Trống.*Thứ Ba \d\d\/\d\d, 09:00–10:00$/ }).click();
  await startup.getByLabel('Thời lượng *').selectOption('2');
  await startup.getByLabel('Mục đích, mẫu đo').fill('Đo độ nhớt dung dịch carrageenan 1%.');
  await screenshot(startup, 'vi-instrument-week-phone');
  await accessible(startup);
  await startup.getByRole('button', { name: 'Gửi yêu cầu đặt lịch' }).click();
  await startup.waitForURL(/\/bookings\/\d+$/);
  const bookingPage = new URL(startup.url()).pathname;
  await startup.locator('.badge', { hasText: 'Chờ phòng thí nghiệm duyệt' }).waitFor();
  await researcher.goto('/inbox');
  await researcher.getByRole('link', { name: /booked “Máy đo độ nhớt Brookfield”/ }).click();
  await researcher.waitForURL((url) => url.pathname === bookingPage);
  await researcher.getByRole('button', { name: 'Approve' }).click();
  await researcher.locator('.badge', { hasText: 'Approved' }).waitFor();
  await screenshot(researcher, 'en-booking-approved');
  await accessible(researcher);
  await startup.goto(bookingPage);
  await startup.locator('.badge', { hasText: 'Đã được duyệt' }).waitFor();
  await startup.getByRole('button', { name: 'Hủy lịch, trả lại giờ trống' }).click();
  await startup.locator('.badge', { hasText: 'Đã hủy' }).waitFor();
  await screenshot(startup, 'vi-booking-cancelled-phone');

  // The officer publishes a call open to startups.
  await officer.goto('/calls/new');
  await hydrated(officer);
  const callTitle = `Hỗ trợ đổi mới công nghệ chế biến rong biển ${stamp}`;
  await officer.getByLabel('Tên kêu gọi *').fill(callTitle);
  await officer.getByLabel('Nội dung *').fill('Tài trợ tối đa 500 triệu đồng cho dự án chế biến sâu rong biển.\nHồ sơ gồm:\n- Thuyết minh dự án\n- Dự toán kinh phí');
  await officer.getByLabel('Cơ quan ban hành *').fill('so khoa hoc va cong nghe tinh khanh hoa');
  await officer.getByRole('checkbox', { name: 'Nuôi trồng thủy sản, nuôi biển' }).check();
  await officer.locator('#eligible').getByRole('checkbox', { name: /Doanh nghiệp khởi nghiệp/ }).check();
  await officer.getByLabel('Mức hỗ trợ tối đa (đồng)').fill('500.000.000');
  await officer.getByLabel('Hồ sơ cần nộp (mỗi dòng một tài liệu)').fill('Thuyết minh dự án\nDự toán kinh phí');
  await officer.getByLabel('Ngày mở *').fill(day(-1));
  await officer.getByLabel('Hạn nộp *').fill(day(45));
  await officer.getByLabel('Trạng thái *').selectOption('open');
  const call = await publish(officer, '/calls');

  // The startup applies; the officer accepts with a comment. The call's list reads as a list.
  await startup.goto(call);
  await hydrated(startup);
  const text = await startup.locator('.record > .lead').innerText();
  assert.match(text, /Hồ sơ gồm:\n- Thuyết minh dự án\n- Dự toán kinh phí/, 'line breaks are shown as written');
  await startup.getByLabel('Đề xuất của tổ chức bạn').fill('Xây dựng dây chuyền tách chiết carrageenan 1 tấn/tháng cùng phòng thí nghiệm của RIA3.');
  // The call says what it funds at most and which documents it wants.
  await startup.locator('#apply .checklist li', { hasText: 'Dự toán kinh phí' }).waitFor();
  await startup.locator('#amount-hint', { hasText: '500.000.000 ₫' }).waitFor();
  await startup.getByLabel('Kinh phí đề nghị hỗ trợ (đồng)').fill('450.000.000');
  await screenshot(startup, 'vi-apply-phone');
  await accessible(startup);
  await startup.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await startup.waitForURL(/\/mine/);
  await startup.locator('#applications .badge', { hasText: 'Đã nộp' }).waitFor();
  // Then the two documents the call asks for, each under its item of the checklist.
  for (const [document, file] of [['Thuyết minh dự án', 'thuyet-minh-du-an.pdf'], ['Dự toán kinh phí', 'du-toan-kinh-phi.xlsx']]) {
    const upload = startup.locator('#applications .upload-form').first();
    await upload.getByLabel('Tài liệu', { exact: true }).selectOption(document);
    await upload.locator('input[type=file]').setInputFiles(new URL(`../fixtures/${file}`, import.meta.url).pathname);
    await upload.getByRole('button', { name: 'Tải lên' }).click();
    await startup.locator('#applications .form-done', { hasText: 'Đã tải lên.' }).waitFor();
    await startup.locator('#applications .document-list li', { hasText: document }).getByRole('link', { name: file }).waitFor();
  }
  assert.equal(await startup.locator('#applications .document-list .badge', { hasText: 'Chưa có' }).count(), 0, 'nothing missing');
  await screenshot(startup, 'vi-application-documents-phone');
  await accessible(startup);

  await officer.goto(call);
  await hydrated(officer);
  await officer.locator('#applications').getByText(`Rong Biển Cam Ranh ${stamp}`).waitFor();
  await officer.locator('#applications').getByRole('link', { name: 'du-toan-kinh-phi.xlsx' }).waitFor();
  // First the officer asks for a quote; the startup answers on its own page.
  await officer.getByLabel('Chuyển sang').selectOption('more_info');
  await officer.getByLabel('Nhận xét cho người nộp').fill('Vui lòng bổ sung báo giá thiết bị tách chiết.');
  await officer.getByRole('button', { name: 'Cập nhật' }).click();
  await officer.locator('#applications .badge', { hasText: 'Cần bổ sung' }).waitFor();
  await startup.goto('/mine');
  const asked = startup.locator('#applications .info-request');
  await asked.getByText('Vui lòng bổ sung báo giá thiết bị tách chiết.').waitFor();
  await asked.getByLabel('Trả lời của bạn').fill('Đã gửi kèm báo giá của hai nhà cung cấp trong bảng dự toán.');
  await screenshot(startup, 'vi-answer-request-phone');
  await accessible(startup);
  await asked.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await startup.locator('#applications .history-steps li', { hasText: 'trả lời của người nộp' }).getByText('báo giá của hai nhà cung cấp').waitFor();
  assert.equal(await startup.locator('#applications .history-steps li', { hasText: 'trả lời của người nộp' }).count(), 1, 'sending is not an answer');
  await officer.goto(call);
  await officer.locator('#applications .comment', { hasText: 'báo giá của hai nhà cung cấp' }).waitFor();
  await officer.getByLabel('Chuyển sang').selectOption('accepted');
  await officer.getByLabel('Nhận xét').fill('Hồ sơ đạt; mời ký hợp đồng trong tháng.');
  await officer.getByRole('button', { name: 'Cập nhật' }).click();
  await officer.locator('#applications .badge', { hasText: 'Được chấp nhận' }).waitFor();
  await screenshot(officer, 'vi-officer-review');
  await accessible(officer);

  // The startup sees each step in its inbox, with a count in the header.
  // On a phone the account links are in the header's menu.
  await startup.goto('/');
  await startup.locator('.site-menu summary').click();
  await startup.locator('.site-menu .account-link', { hasText: /Hộp thư \(\d+\)/ }).waitFor();
  await startup.goto('/inbox');
  for (const text of ['đã nhận lời đề nghị gặp về', 'Đã nhận hồ sơ của bạn', 'Được chấp nhận', 'Kêu gọi mới trong lĩnh vực của bạn']) {
    await startup.getByRole('link', { name: new RegExp(text) }).first().waitFor();
  }
  await screenshot(startup, 'vi-inbox-phone');
  await accessible(startup);
  await startup.goto('/mine');
  await startup.locator('#applications .comment', { hasText: 'mời ký hợp đồng' }).waitFor();

  // The startup saves a search; a new matching offer later reaches its inbox (checked by the
  // server every ten minutes; the HTTP tests cover the check itself).
  await startup.goto('/search?q=carrageenan');
  await hydrated(startup);
  await startup.getByRole('button', { name: /Lưu tìm kiếm/ }).click();
  await startup.getByText('Đã lưu. Hộp thư sẽ báo khi có kết quả mới.').waitFor();
  await screenshot(startup, 'vi-saved-search-phone');
  await accessible(startup);
  await startup.goto('/mine');
  await startup.locator('#saved-searches').getByRole('link', { name: '“carrageenan”' }).waitFor();

  // The startup takes its need down, a partner found; it still sees it at its address, as a
  // preview nobody else sees.
  await hydrated(startup);
  const own = startup.locator('#listings .mine-item', { hasText: 'Tách chiết carrageenan từ rong sụn Cam Ranh' });
  await own.locator('summary', { hasText: 'Gỡ xuống' }).click();
  await own.getByLabel('Lý do').selectOption('found');
  await screenshot(startup, 'vi-take-down-phone');
  await accessible(startup);
  await own.locator('button[type=submit]', { hasText: 'Gỡ xuống' }).click();
  await own.getByText('Đã gỡ xuống: Đã tìm được đối tác').waitFor();
  await own.getByRole('link', { name: 'Tách chiết carrageenan từ rong sụn Cam Ranh' }).click();
  await startup.getByText('Bản xem trước.').waitFor();
  await screenshot(startup, 'vi-preview-phone');
  await accessible(startup);
  // Half a need kept for later: a title is all a draft needs, and the browser does not stop it.
  await startup.goto('/needs/new');
  await startup.getByLabel('Bạn cần giải quyết vấn đề gì? *').fill('Ý tưởng: máy phân loại tôm hùm giống');
  await startup.getByRole('button', { name: 'Lưu nháp' }).click();
  await startup.waitForURL(/\/mine/);
  await startup.getByRole('link', { name: 'Ý tưởng: máy phân loại tôm hùm giống' }).waitFor();

  // The decision reached the founder by mail too (news is mailed once a minute), with the
  // officer's words.
  const decision = await mailedText(`hong-${stamp}@rongbien.vn`, 'Được chấp nhận');
  assert.match(decision.replace(/\s+/g, ' '), /mời ký hợp đồng trong tháng/);

  // Last, the founder deletes the account: the download is offered first; a wrong password is
  // marked on its field and changes nothing; the right one signs out everywhere.
  await startup.goto('/account');
  await hydrated(startup);
  await startup.locator('#delete summary').click();
  await startup.locator('#delete').getByRole('link', { name: 'tải về dữ liệu của mình' }).waitFor();
  const password = startup.getByLabel('Mật khẩu của bạn');
  await password.fill('đoán bừa');
  await startup.getByRole('checkbox', { name: 'Tôi hiểu tài khoản bị xoá vĩnh viễn.' }).check();
  await startup.getByRole('button', { name: 'Xoá vĩnh viễn tài khoản' }).click();
  await startup.locator('#confirm_password-error', { hasText: 'Mật khẩu hiện tại không đúng.' }).waitFor();
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  await screenshot(startup, 'vi-delete-account-phone');
  await accessible(startup);
  await password.fill('một mật khẩu đủ dài');
  await startup.getByRole('checkbox', { name: 'Tôi hiểu tài khoản bị xoá vĩnh viễn.' }).check();
  await startup.getByRole('button', { name: 'Xoá vĩnh viễn tài khoản' }).click();
  await startup.getByText('Tài khoản của bạn đã được xoá.').waitFor();
  await startup.goto('/mine');
  await startup.getByRole('heading', { level: 1, name: 'Cần đăng nhập' }).waitFor();
  assert.equal(org.startsWith('/organizations/'), true);
  for (const page of [startup, partner, researcher, officer]) assert.deepEqual(page.errors, []);
});

test('anonymous visitors are asked to sign in, in English too', async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  await page.goto('/needs/new');
  await page.getByRole('heading', { level: 1, name: 'Please sign in' }).waitFor();
  await page.goto('/labs');
  await page.locator('.list-results .card h3 a').first().click();
  await page.getByRole('link', { name: 'Ask for an introduction: sign in' }).waitFor();
  await page.goto('/signin');
  await hydrated(page);
  await page.getByLabel('Email').fill('nobody@example.vn');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Wrong email or password.').waitFor();
  assert.equal(await page.getByLabel('Email').inputValue(), 'nobody@example.vn', 'the email stays, the password does not');
  assert.equal(await page.getByLabel('Password').inputValue(), '');
  await screenshot(page, 'en-sign-in-error');
  await accessible(page);

  // Half-way through signing up, the visitor switches to Vietnamese: what was typed stays.
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Full name').fill('Nguyễn Văn An');
  await page.getByLabel('Email').fill('an@example.vn');
  await page.locator('.header-account').getByRole('link', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tạo tài khoản' }).waitFor();
  assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Nguyễn Văn An');
  assert.equal(await page.getByLabel('Email').inputValue(), 'an@example.vn');
  assert.equal(await page.locator('.form-error, .form-done').count(), 0, 'neither refused nor done');
  assert.deepEqual(page.errors, []);
});
