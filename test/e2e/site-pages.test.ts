import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { changedCollections, collectionStates } from '../helpers/db-state.js';
import { runSeeds } from '../../seeds/index.js';
import { SITE_PAGE_SEEDS } from '../../seeds/site-pages.data.js';
import { translate } from '../../src/shared/i18n/index.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

/**
 * The foundation's own pages (issue 13, "trust"): about, contact, privacy notice and tax deduction,
 * seeded in Thai and English, linked from every footer and from the giving and registration forms,
 * edited by staff only, with a history of who changed what and when.
 */
const SLUGS = ['about', 'contact', 'privacy', 'tax-deduction'] as const;
const BANK = 'ธนาคารกรุงไทย 123-4-56789-0';

const h1Of = (html: string) => /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.trim() ?? '';
const footerOf = (html: string) => /<footer[\s\S]*<\/footer>/.exec(html)?.[0] ?? '';
const pageForm = (over: Record<string, string> = {}) => ({
  version: '1',
  titleTh: 'เกี่ยวกับเรา',
  titleEn: 'About us',
  bodyTh: 'ย่อหน้าแรก\n\n- ข้อหนึ่ง\n- ข้อสอง',
  bodyEn: 'First paragraph\n\n- one\n- two',
  ...over,
});
const detailsForm = (over: Record<string, string> = {}) => ({
  version: '0',
  registrationNumber: 'สข. 0123/2552',
  addressTh: '1 ถนนราชดำเนิน อำเภอเมือง สงขลา 90000',
  addressEn: '1 Ratchadamnoen Road, Mueang, Songkhla 90000',
  phone: '074 123 456',
  email: 'Office@Example.org',
  officeHoursTh: 'จันทร์–ศุกร์ 9.00–16.30 น.',
  officeHoursEn: 'Mon–Fri 9:00–16:30',
  ...over,
});

describe('site pages: about, contact, privacy, tax deduction', function () {
  this.timeout(60_000);
  const ctx = useTestApp({ config: { FOUNDATION_BANK_ACCOUNT: BANK } });
  let staff: PublicUser;
  let donor: PublicUser;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staff = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ สมศรี' });
    donor = await makeUser();
  });

  it('renders every seeded page in Thai and in English, each named by one <h1> and its <title>', async () => {
    const visitor = browser(ctx.app).agent;
    for (const slug of SLUGS) {
      const seed = SITE_PAGE_SEEDS.find((s) => s.slug === slug);
      assert.ok(seed, slug);
      const th = await visitor.get(`/${slug}?lang=th`);
      assert.equal(th.status, 200, slug);
      assert.match(th.text, /<html lang="th">/);
      assert.equal(h1Of(th.text), seed.title.th);
      assert.equal((th.text.match(/<h1\b/g) ?? []).length, 1, `${slug}: one h1`);
      assert.match(th.text, new RegExp(`<title>${seed.title.th} · `));
      assert.doesNotMatch(th.text, /\{\{/, `${slug}: no raw placeholder`);
      assert.match(th.text, /<h2>/, `${slug}: its "## " lines are headings`);
      assert.match(th.text, /<ul><li>/, `${slug}: its "- " lines are a list`);
      const en = await visitor.get(`/${slug}?lang=en`);
      assert.equal(en.status, 200);
      assert.match(en.text, /<html lang="en">/);
      assert.equal(h1Of(en.text).replace(/&#x27;/g, "'"), seed.title.en);
      assert.doesNotMatch(en.text, /[\u0E00-\u0E7F]{4,}[^<]*<\/p>/, `${slug}: English paragraphs carry no Thai`);
    }
    // The privacy notice covers what the PDPA asks: what, why (lawful basis), how long, who receives it, rights, controller.
    const privacy = (await visitor.get('/privacy?lang=en')).text;
    for (const phrase of [
      'What we keep',
      'lawful basis',
      'How long',
      'Who receives it',
      'Your rights',
      'data controller',
      'cannot be deleted',
    ])
      assert.ok(privacy.includes(phrase), phrase);
    assert.match(privacy, /href="\/account#my-data"/);
    const tax = (await visitor.get('/tax-deduction?lang=th')).text;
    for (const phrase of ['e-Donation', 'เลขประจำตัวประชาชน 13 หลัก', 'ใบเสร็จ', 'ที่ปรึกษาภาษี'])
      assert.ok(tax.includes(phrase), phrase);
  });

  it('links the four pages from every footer, and shows the registration number and contact once staff set them', async () => {
    const visitor = browser(ctx.app).agent;
    for (const path of ['/', '/donate', '/calls', '/login', '/no-such-page']) {
      const footer = footerOf((await visitor.get(path)).text);
      for (const slug of SLUGS) assert.match(footer, new RegExp(`href="/${slug}"`), `${path} links /${slug}`);
    }
    assert.doesNotMatch(footerOf((await visitor.get('/')).text), /สข\. 0123/);

    const s = browser(ctx.app);
    await s.login(staff.email, PASSWORD);
    const saved = await s.submit('/admin/pages/details', '/admin/pages/details', detailsForm());
    assert.equal(saved.status, 303, saved.text.slice(0, 400));

    const home = footerOf((await visitor.get('/?lang=th')).text);
    assert.match(home, /ทะเบียนมูลนิธิเลขที่ สข\. 0123\/2552/);
    assert.match(home, /href="tel:074 123 456"/);
    assert.match(home, /href="mailto:office@example\.org"/);
    assert.match(home, /1 ถนนราชดำเนิน/);
    assert.match(
      footerOf((await visitor.get('/?lang=en')).text),
      /Registered foundation no\. สข\. 0123\/2552[\s\S]*1 Ratchadamnoen Road/,
    );

    const contact = (await visitor.get('/contact?lang=en')).text;
    for (const text of ['074 123 456', 'office@example.org', 'Mon–Fri 9:00–16:30', '1 Ratchadamnoen Road', BANK])
      assert.ok(contact.includes(text), text);
    const about = (await visitor.get('/about?lang=th')).text;
    assert.ok(
      about.includes('สข. 0123/2552') && about.includes('1 ถนนราชดำเนิน'),
      'about shows the registration number and address',
    );
  });

  it('links the privacy notice and the tax-deduction page from the donate form, and the privacy notice from registration', async () => {
    const visitor = browser(ctx.app).agent;
    const donate = (await visitor.get('/donate')).text;
    const form = /<form method="post" action="\/donate"[\s\S]*?<\/form>/.exec(donate)?.[0] ?? '';
    assert.match(form, /href="\/privacy"/);
    assert.match(form, /href="\/tax-deduction"/);
    const register =
      /<form method="post" action="\/register"[\s\S]*?<\/form>/.exec((await visitor.get('/register')).text)?.[0] ?? '';
    assert.match(register, /href="\/privacy"/);
  });

  it('lets staff edit a page in both languages: the page shows it (escaped, as paragraphs and lists) and the history says who and when', async () => {
    const s = browser(ctx.app);
    await s.login(staff.email, PASSWORD);
    const list = await s.agent.get('/admin/pages');
    assert.equal(list.status, 200);
    for (const slug of SLUGS) assert.match(list.text, new RegExp(`href="/admin/pages/${slug}"`));
    const edit = await s.agent.get('/admin/pages/about');
    assert.match(edit.text, /name="version" value="1"/);
    const res = await s.agent
      .post('/admin/pages/about')
      .type('form')
      .send({
        ...pageForm({ bodyTh: 'ย่อหน้า <script>alert(1)</script>\nบรรทัดสอง\n\n- ข้อหนึ่ง\n- ข้อสอง\n\n## หัวข้อ' }),
        _csrf: csrfFrom(edit.text),
      });
    assert.equal(res.status, 303, res.text.slice(0, 400));
    assert.equal(res.headers.location, '/admin/pages/about');

    const th = (await browser(ctx.app).agent.get('/about?lang=th')).text;
    assert.equal(h1Of(th), 'เกี่ยวกับเรา');
    assert.ok(
      th.includes('<p>ย่อหน้า &lt;script&gt;alert(1)&lt;/script&gt;<br>บรรทัดสอง</p>'),
      'escaped paragraph with its line break',
    );
    assert.ok(!th.includes('<script>alert(1)'), 'no raw HTML from the database');
    assert.ok(th.includes('<ul><li>ข้อหนึ่ง</li><li>ข้อสอง</li></ul>'));
    assert.ok(th.includes('<h2>หัวข้อ</h2>'));
    const en = (await browser(ctx.app).agent.get('/about?lang=en')).text;
    assert.equal(h1Of(en), 'About us');
    assert.ok(en.includes('<ul><li>one</li><li>two</li></ul>'));

    const history = (await s.agent.get('/admin/pages/about')).text;
    assert.match(history, /name="version" value="2"/);
    assert.match(
      history,
      new RegExp(`${translate('th', 'pages.versionLabel', { version: 2 })} · [^<]+ · ${staff.name}`),
    );
    assert.match(
      history,
      new RegExp(
        `${translate('th', 'pages.versionLabel', { version: 1 })} · [^<]+ · ${translate('th', 'pages.seededDefault')}`,
      ),
    );
  });

  it('refuses a save made on an older version (another edit came first) and keeps the newer one', async () => {
    const s = browser(ctx.app);
    await s.login(staff.email, PASSWORD);
    const token = csrfFrom((await s.agent.get('/admin/pages/privacy')).text);
    assert.equal(
      (
        await s.agent
          .post('/admin/pages/privacy')
          .type('form')
          .send({ ...pageForm({ titleTh: 'ฉบับแรก' }), _csrf: token })
      ).status,
      303,
    );
    const before = await collectionStates();
    const stale = await s.agent
      .post('/admin/pages/privacy')
      .type('form')
      .send({ ...pageForm({ titleTh: 'ฉบับค้าง' }), _csrf: token });
    assert.equal(stale.status, 409);
    assert.ok(stale.text.includes(translate('th', 'pages.editedMeanwhile')));
    assert.match(stale.text, /ฉบับค้าง/, 'the typed text comes back');
    assert.match(stale.text, /name="version" value="2"/, 'the form is now based on the current version');
    assert.deepEqual(changedCollections(before, await collectionStates()), []);
    assert.equal(h1Of((await browser(ctx.app).agent.get('/privacy')).text), 'ฉบับแรก');
  });

  it('refuses people who are not staff, and changes nothing', async () => {
    const d = browser(ctx.app);
    await d.login(donor.email, PASSWORD);
    const token = csrfFrom((await d.agent.get('/account')).text);
    for (const path of ['/admin/pages', '/admin/pages/about', '/admin/pages/details'])
      assert.equal((await d.agent.get(path)).status, 403, path);
    assert.equal((await browser(ctx.app).agent.get('/admin/pages')).status, 302);
    const before = await collectionStates();
    assert.equal(
      (
        await d.agent
          .post('/admin/pages/about')
          .type('form')
          .send({ ...pageForm({ version: '99' }), _csrf: token })
      ).status,
      403,
    );
    assert.equal(
      (
        await d.agent
          .post('/admin/pages/details')
          .type('form')
          .send({ ...detailsForm({ version: '99' }), _csrf: token })
      ).status,
      403,
    );
    const anonymous = browser(ctx.app).agent;
    const anonToken = csrfFrom((await anonymous.get('/login')).text);
    assert.equal(
      (
        await anonymous
          .post('/admin/pages/about')
          .type('form')
          .send({ ...pageForm(), _csrf: anonToken })
      ).status,
      401,
    );
    assert.deepEqual(changedCollections(before, await collectionStates()), []);
  });

  it('refuses bad input with a Thai message beside the field, and changes nothing', async () => {
    const s = browser(ctx.app);
    await s.login(staff.email, PASSWORD);
    const token = csrfFrom((await s.agent.get('/admin/pages/contact')).text);
    const field = (key: string, params?: Record<string, unknown>) =>
      new RegExp(`class="field-error"[^>]*>${translate('th', key, params).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`);
    const cases: [string, string, Record<string, unknown>, number, RegExp | null][] = [
      ['empty Thai title', '/admin/pages/contact', pageForm({ titleTh: '' }), 422, field('validation.required')],
      [
        'body over 20,000 characters',
        '/admin/pages/contact',
        pageForm({ bodyEn: 'x'.repeat(20_001) }),
        422,
        field('validation.tooLong', { max: 20_000 }),
      ],
      [
        'title as a list',
        '/admin/pages/contact',
        { ...pageForm(), titleEn: ['a', 'b'] },
        422,
        field('validation.invalid'),
      ],
      ['version that is not a number', '/admin/pages/contact', pageForm({ version: 'latest' }), 422, null],
      ['an operator key', '/admin/pages/contact', { ...pageForm(), 'title[$ne]': 'x' }, 400, null],
      ['a page the site does not have', '/admin/pages/terms', pageForm(), 404, null],
      [
        'details with a bad email',
        '/admin/pages/details',
        detailsForm({ email: 'office@' }),
        422,
        field('validation.email'),
      ],
      [
        'details with letters for a phone',
        '/admin/pages/details',
        detailsForm({ phone: 'call us' }),
        422,
        field('pages.phoneInvalid'),
      ],
      [
        'details without a Thai address',
        '/admin/pages/details',
        detailsForm({ addressTh: '' }),
        422,
        field('validation.required'),
      ],
    ];
    for (const [name, path, body, status, message] of cases) {
      const before = await collectionStates();
      const res = await s.agent
        .post(path)
        .type('form')
        .send({ ...body, _csrf: token });
      assert.equal(res.status, status, `${name}: ${res.status}`);
      assert.match(res.text, /<html lang="th">/, name);
      if (message) assert.match(res.text, message, name);
      assert.deepEqual(changedCollections(before, await collectionStates()), [], `${name}: the database changed`);
    }
    assert.equal((await browser(ctx.app).agent.get('/terms')).status, 404);
  });
});
