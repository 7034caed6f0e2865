import assert from 'node:assert/strict';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Organisation } from '../../src/modules/directory/organisation.model.js';
import { Network } from '../../src/modules/directory/network.model.js';
import { geography } from '../../src/modules/directory/geography.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { makeOrg } from '../helpers/grants.js';
import { inviteMember } from '../../src/modules/directory/invitation.service.js';
import { EmailNotVerifiedError } from '../../src/shared/errors.js';

describe('social map: directory, organisations and networks', function () {
  this.timeout(30_000);
  const ctx = useTestApp();
  let hatYai: string;
  let hatYaiSub: string;

  before(async () => {
    await runSeeds({ demoUsers: false });
    const geo = await geography();
    hatYai = geo.districtsOf('90').find((d) => d.th === 'หาดใหญ่')?.code as string;
    hatYaiSub = geo.subDistrictsOf(hatYai)[0]?.code as string;
  });

  const orgFields = (overrides: Record<string, string | string[]> = {}) => ({
    nameTh: 'กลุ่มออมทรัพย์บ้านพรุ',
    nameEn: 'Ban Phru Savings Group',
    type: 'community_group',
    roles: ['recipient'],
    issues: ['elderly', 'community_economy'],
    targetGroups: ['elderly'],
    description: 'กลุ่มออมทรัพย์และสวัสดิการผู้สูงอายุ ตำบลพะตง',
    provinceCode: '90',
    districtCode: hatYai,
    subDistrictCode: hatYaiSub,
    needs: ['volunteers', 'money'],
    needMoney: '50,000',
    needVolunteers: '10',
    members: '120',
    publicPhone: '074-000-000',
    contactPerson: 'นางสมศรี ใจงาม',
    privatePhone: '081-234-5678',
    matchingOptIn: 'on',
    ...overrides,
  });

  async function createOrg(agent: ReturnType<typeof browser>, overrides: Record<string, string | string[]> = {}) {
    const page = await agent.agent.get('/organisations/new');
    return agent.agent
      .post('/organisations')
      .type('form')
      .send({ ...orgFields(overrides), _csrf: csrfFrom(page.text) });
  }

  it('seeds the Surin association: 10 networks, 177 member organisations, 23,403 members, and shows them', async () => {
    assert.equal(await Network.countDocuments(), 10);
    assert.equal(await Organisation.countDocuments({ sample: true }), 177);
    const page = await request(ctx.app).get('/networks');
    assert.equal(page.status, 200);
    assert.match(page.text, /10 เครือข่าย 177 องค์กร สมาชิก 23,403 คน/);
    assert.match(page.text, /เครือข่ายชมรมผู้สูงอายุจังหวัดสุรินทร์/);
    const api = await request(ctx.app).get('/api/v1/networks');
    const elderly = api.body.data.find((n: { slug: string }) => n.slug === 'surin-elderly-clubs');
    assert.equal(elderly.organisationCount, 55);
    assert.equal(elderly.individualMembers, 10_700);
    const network = await request(ctx.app).get(`/networks/${elderly.id}`);
    assert.equal((network.text.match(/class="org-card"/g) ?? []).length, 55);
    assert.match(network.text, /ข้อมูลตัวอย่าง/);
    const sum = (await Organisation.find({ networkIds: elderly.id }).lean()).reduce((s, o) => s + (o.members ?? 0), 0);
    assert.equal(sum, 10_700, 'member counts add up to the network’s total');
  });

  it('finds organisations by Thai words and filters, with pagination and Thai sorting', async () => {
    const search = await request(ctx.app).get(`/directory?q=${encodeURIComponent('ชมรมผู้สูงอายุ')}`);
    assert.match(search.text, /พบ 55 องค์กร/);
    const partial = await request(ctx.app).get(`/directory?q=${encodeURIComponent('ผู้สูงอายุ สุรินทร์')}&perPage=100`);
    assert.match(partial.text, /พบ 5[56] องค์กร/);
    const youth = await request(ctx.app).get('/directory?issue=children_youth&province=32');
    assert.match(youth.text, /พบ 31 องค์กร/, '30 youth groups and the association');
    const page2 = await request(ctx.app).get('/directory?page=2');
    assert.match(page2.text, /หน้า 2 จาก 9/);
    const junk = await request(ctx.app).get('/directory?role=king&province=xx&page=-1&sort=$where');
    assert.equal(junk.status, 200, 'unknown filters mean "any"');
    const api = await request(ctx.app).get(`/api/v1/organisations?issue=elderly&perPage=5`);
    assert.equal(api.body.total, 56);
    assert.equal(api.body.data.length, 5);
    const names = api.body.data.map((o: { name: { th: string } }) => o.name.th);
    assert.deepEqual(names, [...names].sort(new Intl.Collator('th').compare));
  });

  it('lets a signed-in person add an organisation; its private contact is for its members and staff only', async () => {
    const owner = await makeUser();
    const agent = browser(ctx.app);
    await agent.login(owner.email, PASSWORD);
    const res = await createOrg(agent);
    assert.equal(res.status, 303);
    const id = (res.headers.location as string).split('/').pop() as string;
    const org = await Organisation.findById(id);
    assert.equal(org?.needs.find((n) => n.kind === 'money')?.amountSatang, 50_000_00);
    assert.equal(org?.needs.find((n) => n.kind === 'volunteers')?.capacity, 10);
    assert.deepEqual(org?.memberUserIds.map(String), [owner.id]);
    const mine = await agent.agent.get(`/organisations/${id}`);
    assert.match(mine.text, /081-234-5678/);
    const publicPage = await request(ctx.app).get(`/organisations/${id}`);
    assert.match(publicPage.text, /กลุ่มออมทรัพย์บ้านพรุ/);
    assert.match(publicPage.text, /อ\.หาดใหญ่ จ\.สงขลา/);
    assert.doesNotMatch(publicPage.text, /081-234-5678|นางสมศรี/);
    const api = await request(ctx.app).get(`/api/v1/organisations/${id}`);
    assert.equal(api.status, 200);
    assert.doesNotMatch(JSON.stringify(api.body), /081-234-5678|สมศรี/);
    const found = await request(ctx.app).get(`/directory?q=${encodeURIComponent('ออมทรัพย์')}`);
    assert.match(found.text, /กลุ่มออมทรัพย์บ้านพรุ/);
  });

  it('warns about the same name in the same province and saves only after confirmation', async () => {
    const user = await makeUser();
    const agent = browser(ctx.app);
    await agent.login(user.email, PASSWORD);
    const before = await Organisation.countDocuments();
    const warned = await createOrg(agent, { nameTh: 'กลุ่มออมทรัพย์ บ้านพรุ' });
    assert.equal(warned.status, 409);
    assert.match(warned.text, /มีองค์กรชื่อนี้ในจังหวัดเดียวกันแล้ว/);
    assert.match(warned.text, /name="confirmDuplicate"/);
    assert.equal(await Organisation.countDocuments(), before);
    const confirmed = await createOrg(agent, { nameTh: 'กลุ่มออมทรัพย์ บ้านพรุ', confirmDuplicate: 'on' });
    assert.equal(confirmed.status, 303);
    const elsewhere = await createOrg(agent, {
      nameTh: 'กลุ่มออมทรัพย์บ้านพรุ',
      provinceCode: '32',
      districtCode: '',
      subDistrictCode: '',
    });
    assert.equal(elsewhere.status, 303, 'the same name in another province is fine');
  });

  const bad: [string, Record<string, string | string[]>, number, RegExp][] = [
    ['an unknown province', { provinceCode: '99', districtCode: '', subDistrictCode: '' }, 422, /รหัสพื้นที่ไม่ถูกต้อง/],
    ['a district outside the province', { provinceCode: '32' }, 422, /รหัสพื้นที่ไม่ถูกต้อง/],
    ['a role outside the vocabulary', { roles: ['king'] }, 422, /ไม่อยู่ในรายการที่เลือกได้/],
    ['no role', { roles: [] }, 422, /กรุณาเลือกบทบาทอย่างน้อยหนึ่งอย่าง/],
    ['an over-long name', { nameTh: 'ก'.repeat(201) }, 422, /ยาวเกินไป/],
    ['a negative member count', { members: '-5' }, 422, /จำนวนเต็มที่ไม่ติดลบ/],
    [
      'a script in the name, shown escaped',
      { nameTh: '<script>alert(1)</script>', provinceCode: '99' },
      422,
      /&lt;script&gt;/,
    ],
  ];
  for (const [label, overrides, status, message] of bad) {
    it(`refuses ${label} with a clear message and saves nothing`, async () => {
      const user = await makeUser();
      const agent = browser(ctx.app);
      await agent.login(user.email, PASSWORD);
      const before = await Organisation.countDocuments();
      const res = await createOrg(agent, { nameTh: `องค์กรทดสอบ ${label}`, ...overrides });
      assert.equal(res.status, status, res.text.slice(0, 200));
      assert.match(res.text, message);
      assert.doesNotMatch(res.text, /<script>alert/);
      assert.equal(await Organisation.countDocuments(), before);
    });
  }

  it('refuses $-operators and keeps the no-JavaScript area picker working', async () => {
    const user = await makeUser();
    const agent = browser(ctx.app);
    await agent.login(user.email, PASSWORD);
    const page = await agent.agent.get('/organisations/new');
    const operator = await agent.agent
      .post('/organisations')
      .type('form')
      .send({ ...orgFields(), 'nameTh[$ne]': 'x', _csrf: csrfFrom(page.text) });
    assert.equal(operator.status, 400);
    const refresh = await agent.agent
      .post('/organisations')
      .type('form')
      .send({ provinceCode: '32', _refresh: '1', _csrf: csrfFrom(page.text) });
    assert.equal(refresh.status, 200);
    assert.match(refresh.text, /<option value="3201"[^>]*>เมืองสุรินทร์<\/option>/);
    const districts = await request(ctx.app).get('/api/v1/areas/provinces/32/districts');
    assert.equal(districts.body.data.length, 17);
    assert.equal((await request(ctx.app).get('/api/v1/areas/provinces/99/districts')).status, 404);
  });

  it('lets only members and staff edit, and only staff verify; refused edits change nothing', async () => {
    const owner = await makeUser();
    const ownerAgent = browser(ctx.app);
    await ownerAgent.login(owner.email, PASSWORD);
    const created = await createOrg(ownerAgent, {
      nameTh: 'เครือข่ายเยาวชนรักษ์ทะเลสาบสงขลา',
      issues: ['environment', 'children_youth'],
    });
    const id = (created.headers.location as string).split('/').pop() as string;

    const stranger = await makeUser();
    const strangerAgent = browser(ctx.app);
    await strangerAgent.login(stranger.email, PASSWORD);
    assert.equal((await strangerAgent.agent.get(`/organisations/${id}/edit`)).status, 403);
    const page = await strangerAgent.agent.get('/directory');
    const hijack = await strangerAgent.agent
      .post(`/organisations/${id}`)
      .type('form')
      .send({ ...orgFields({ nameTh: 'ยึดแล้ว' }), _csrf: csrfFrom(page.text) });
    assert.equal(hijack.status, 403);
    const verify = await strangerAgent.agent
      .post(`/organisations/${id}/verify`)
      .type('form')
      .send({ verified: 'true', _csrf: csrfFrom(page.text) });
    assert.equal(verify.status, 403);
    assert.equal((await Organisation.findById(id))?.name?.th, 'เครือข่ายเยาวชนรักษ์ทะเลสาบสงขลา');
    assert.equal((await Organisation.findById(id))?.verified, false);

    const edit = await ownerAgent.agent.get(`/organisations/${id}/edit`);
    assert.equal(edit.status, 200);
    assert.match(edit.text, /value="เครือข่ายเยาวชนรักษ์ทะเลสาบสงขลา"/);
    const saved = await ownerAgent.agent
      .post(`/organisations/${id}`)
      .type('form')
      .send({ ...orgFields({ nameTh: 'เครือข่ายเยาวชนรักษ์ทะเลสาบ', members: '300' }), _csrf: csrfFrom(edit.text) });
    assert.equal(saved.status, 303);
    assert.equal((await Organisation.findById(id))?.members, 300);

    const staff = await makeUser({ roles: ['staff'] });
    const staffAgent = browser(ctx.app);
    await staffAgent.login(staff.email, PASSWORD);
    const orgPage = await staffAgent.agent.get(`/organisations/${id}`);
    assert.match(orgPage.text, /081-234-5678/, 'staff see private contacts');
    const ok = await staffAgent.agent
      .post(`/organisations/${id}/verify`)
      .type('form')
      .send({ verified: 'true', _csrf: csrfFrom(orgPage.text) });
    assert.equal(ok.status, 303);
    assert.equal((await Organisation.findById(id))?.verified, true);
    const verified = await request(ctx.app).get('/directory?verified=yes&province=90');
    assert.match(verified.text, /เครือข่ายเยาวชนรักษ์ทะเลสาบ/);
    assert.equal(
      (await request(ctx.app).post('/organisations').type('form').send(orgFields())).status,
      403,
      'no CSRF token, no session',
    );
  });

  it('clears the verified mark (and the survey right) when a member changes identity fields, and shows staff what changed', async () => {
    const owner = await makeUser({ name: 'สมปอง เปลี่ยนชื่อ' });
    const ownerAgent = browser(ctx.app);
    await ownerAgent.login(owner.email, PASSWORD);
    const identity = {
      nameTh: 'มูลนิธิชุมชนสงขลา',
      nameEn: 'Songkhla Community Foundation',
      registrationNumber: 'สข-0042',
      registeredWith: 'กระทรวงมหาดไทย',
    };
    const created = await createOrg(ownerAgent, identity);
    const id = (created.headers.location as string).split('/').pop() as string;
    const staff = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ ตรวจสอบ' });
    const staffAgent = browser(ctx.app);
    await staffAgent.login(staff.email, PASSWORD);
    const verify = async () => {
      const page = await staffAgent.agent.get(`/organisations/${id}`);
      assert.equal(
        (
          await staffAgent.agent
            .post(`/organisations/${id}/verify`)
            .type('form')
            .send({ verified: 'true', _csrf: csrfFrom(page.text) })
        ).status,
        303,
      );
    };
    await verify();

    const surveyForm = await ownerAgent.agent.get('/areas/9011/surveys/new');
    const survey = (title: string) => ({
      title,
      surveyedOn: '2026-10-01',
      assets: ['local_wisdom'],
      byOrgId: id,
      _csrf: csrfFrom(surveyForm.text),
    });
    assert.equal(
      (await ownerAgent.agent.post('/areas/9011/surveys').type('form').send(survey('สำรวจโดยภาคี 1'))).status,
      303,
      'a verified partner records surveys',
    );

    // Other fields: the mark stays.
    const edit1 = await ownerAgent.agent.get(`/organisations/${id}/edit`);
    const described = await ownerAgent.agent
      .post(`/organisations/${id}`)
      .type('form')
      .send({ ...orgFields({ ...identity, members: '500' }), _csrf: csrfFrom(edit1.text) });
    assert.equal(described.status, 303);
    assert.equal((await Organisation.findById(id))?.verified, true, 'an edit of the member count keeps the mark');

    // The rename of the issue: a new name and registration number.
    const edit2 = await ownerAgent.agent.get(`/organisations/${id}/edit`);
    assert.match(edit2.text, /เครื่องหมาย &quot;รับรองแล้ว&quot; ขององค์กรจะถูกถอดไว้/, 'the form says so before saving');
    const renamed = await ownerAgent.agent
      .post(`/organisations/${id}`)
      .type('form')
      .send({
        ...orgFields({
          ...identity,
          nameEn: 'Songkhla Community Foundation – Official',
          registrationNumber: 'สข-9999',
          description: 'มูลนิธิชุมชนที่ดูแลผู้สูงอายุทั้งจังหวัด',
          members: '500',
        }),
        _csrf: csrfFrom(edit2.text),
      });
    assert.equal(renamed.status, 303);
    const after = await Organisation.findById(id);
    assert.equal(after?.verified, false, 'the mark is cleared');
    assert.equal(after?.verifiedBy, undefined);
    assert.match(
      (await ownerAgent.agent.get(`/organisations/${id}`)).text,
      /เครื่องหมาย &quot;รับรองแล้ว&quot; จึงถูกถอดไว้/,
      'the member is told',
    );
    const refused = await ownerAgent.agent.post('/areas/9011/surveys').type('form').send(survey('สำรวจโดยภาคี 2'));
    assert.equal(refused.status, 403, 'survey rights went with the mark');
    assert.match(refused.text, /องค์กรภาคีที่ได้รับการรับรอง/);
    assert.equal((await request(ctx.app).get(`/api/v1/organisations/${id}`)).body.data.verified, false);

    const staffPage = await staffAgent.agent.get(`/organisations/${id}`);
    assert.match(staffPage.text, /ประวัติการแก้ไขชื่อ ทะเบียน คำอธิบาย และข้อมูลติดต่อ/);
    assert.match(staffPage.text, /เครื่องหมายรับรองถูกถอดเมื่อ .+ เพราะ สมปอง เปลี่ยนชื่อ/);
    assert.match(
      staffPage.text,
      /ชื่อภาษาอังกฤษ<\/td>\s*<td[^>]*>Songkhla Community Foundation<\/td>\s*<td[^>]*><strong>Songkhla Community Foundation – Official<\/strong>/,
    );
    assert.match(staffPage.text, /เลขทะเบียน<\/td>\s*<td[^>]*>สข-0042<\/td>\s*<td[^>]*><strong>สข-9999<\/strong>/);
    assert.doesNotMatch(staffPage.text, /ชื่อภาษาไทย<\/td>/, 'only what changed');
    const memberPage = await ownerAgent.agent.get(`/organisations/${id}`);
    assert.doesNotMatch(memberPage.text, /ประวัติการแก้ไขชื่อ ทะเบียน/, 'the record is for staff');

    // Staff edits keep the mark (they verify), and are recorded too.
    await verify();
    const staffEdit = await staffAgent.agent.get(`/organisations/${id}/edit`);
    const byStaff = await staffAgent.agent
      .post(`/organisations/${id}`)
      .type('form')
      .send({
        ...orgFields({
          ...identity,
          nameEn: 'Songkhla Community Foundation – Official',
          registrationNumber: 'สข-9999',
          publicPhone: '074-111-222',
        }),
        _csrf: csrfFrom(staffEdit.text),
      });
    assert.equal(byStaff.status, 303);
    assert.equal((await Organisation.findById(id))?.verified, true);
    assert.match(
      (await staffAgent.agent.get(`/organisations/${id}`)).text,
      /โทรศัพท์ \(สาธารณะ\)<\/td>\s*<td[^>]*>074-000-000<\/td>\s*<td[^>]*><strong>074-111-222<\/strong>/,
    );
  });

  it('leaves organisations that opted out of matching out of the open data', async () => {
    const user = await makeUser();
    const agent = browser(ctx.app);
    await agent.login(user.email, PASSWORD);
    const res = await createOrg(agent, { nameTh: 'กลุ่มไม่ประสงค์เปิดเผย', matchingOptIn: '' });
    const id = (res.headers.location as string).split('/').pop() as string;
    assert.equal((await request(ctx.app).get(`/api/v1/organisations/${id}`)).status, 404);
    const list = await request(ctx.app).get(`/api/v1/organisations?q=${encodeURIComponent('ไม่ประสงค์เปิดเผย')}`);
    assert.equal(list.body.total, 0);
    // Its suggestions page is gone like its API: for the public, and for its own members too.
    assert.equal((await request(ctx.app).get(`/api/v1/organisations/${id}/matches`)).status, 404);
    const page = await request(ctx.app).get(`/organisations/${id}/matches`);
    assert.equal(page.status, 404);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.doesNotMatch(page.text, /ไม่ประสงค์เปิดเผย/, 'nothing of it is shown');
    assert.equal((await agent.agent.get(`/organisations/${id}/matches`)).status, 404);
    const profile = await agent.agent.get(`/organisations/${id}`);
    assert.equal(profile.status, 200);
    assert.doesNotMatch(
      profile.text,
      new RegExp(`href="/organisations/${id}/matches"`),
      'no link to a page that is not there',
    );
  });
  it('suggests who to meet with reasons, lets members mark suggestions, and shows staff the introductions', async () => {
    const owner = await makeUser();
    const ownerAgent = browser(ctx.app);
    await ownerAgent.login(owner.email, PASSWORD);
    const club = await createOrg(ownerAgent, {
      nameTh: 'ชมรมผู้สูงอายุตำบลพะตง',
      roles: ['recipient'],
      issues: ['elderly'],
      targetGroups: ['elderly'],
      needs: ['volunteers', 'money'],
      needMoney: '20,000',
    });
    const clubId = (club.headers.location as string).split('/').pop() as string;
    const giverOwner = browser(ctx.app);
    await giverOwner.login((await makeUser()).email, PASSWORD);
    const giver = await createOrg(giverOwner, {
      nameTh: 'มูลนิธิเพื่อผู้สูงวัยหาดใหญ่',
      type: 'foundation',
      roles: ['giver'],
      issues: ['elderly'],
      targetGroups: ['elderly'],
      needs: [],
      offers: ['money'],
      offerMoney: '100,000',
      privatePhone: '089-999-9999',
    });
    const giverId = (giver.headers.location as string).split('/').pop() as string;
    const hidden = await createOrg(giverOwner, {
      nameTh: 'มูลนิธิที่ไม่ต้องการถูกจับคู่',
      type: 'foundation',
      roles: ['giver'],
      issues: ['elderly'],
      needs: [],
      offers: ['money'],
      matchingOptIn: '',
    });
    const hiddenId = (hidden.headers.location as string).split('/').pop() as string;
    const supporter = await createOrg(giverOwner, {
      nameTh: 'ชมรมอาสาดูแลผู้สูงอายุ ม.อ.',
      type: 'school_university',
      roles: ['supporter'],
      issues: ['health'],
      needs: [],
      offers: ['volunteers'],
      offerVolunteers: '30',
    });
    const supporterId = (supporter.headers.location as string).split('/').pop() as string;

    const page = await request(ctx.app).get(`/organisations/${clubId}/matches`);
    assert.equal(page.status, 200);
    assert.match(page.text, /มูลนิธิเพื่อผู้สูงวัยหาดใหญ่/);
    assert.match(page.text, /ทำงานด้านผู้สูงอายุเหมือนกัน/);
    assert.match(page.text, /อยู่ในตำบลเดียวกัน|อยู่ในอำเภอเดียวกัน/);
    assert.match(page.text, /ทุนที่ให้ได้ครอบคลุมจำนวนที่ต้องการ/);
    assert.match(page.text, /เสนออาสาสมัคร ตรงกับที่ต้องการ/, 'the supporter’s volunteers meet the club’s need');
    assert.doesNotMatch(page.text, /มูลนิธิที่ไม่ต้องการถูกจับคู่/);
    assert.doesNotMatch(page.text, /089-999-9999/);
    assert.doesNotMatch(page.text, /ชมรมผู้สูงอายุตำบลพะตง<\/a> <span class="score"/, 'never itself');
    assert.doesNotMatch(page.text, /name="status"/, 'strangers cannot mark');

    const api = await request(ctx.app).get(`/api/v1/organisations/${clubId}/matches`);
    const top = api.body.data.find((m: { organisation: { id: string } }) => m.organisation.id === giverId);
    assert.ok(top.score > 0);
    assert.ok(top.factors.some((f: { text: { th: string } }) => f.text.th === 'ทำงานด้านผู้สูงอายุเหมือนกัน'));
    assert.ok(!api.body.data.some((m: { organisation: { id: string } }) => m.organisation.id === hiddenId));
    assert.doesNotMatch(JSON.stringify(api.body), /089-999-9999/);

    const mine = await ownerAgent.agent.get(`/organisations/${clubId}/matches`);
    assert.match(mine.text, /name="status"/);
    const interested = await ownerAgent.agent
      .post(`/organisations/${clubId}/matches/${giverId}`)
      .type('form')
      .send({ status: 'interested', _csrf: csrfFrom(mine.text) });
    assert.equal(interested.status, 303);
    const notRelevant = await ownerAgent.agent
      .post(`/organisations/${clubId}/matches/${supporterId}`)
      .type('form')
      .send({ status: 'not_relevant', _csrf: csrfFrom(mine.text) });
    assert.equal(notRelevant.status, 303);
    const after = await ownerAgent.agent.get(`/organisations/${clubId}/matches`);
    assert.doesNotMatch(after.text, /ชมรมอาสาดูแลผู้สูงอายุ/, 'not relevant: hidden afterwards');
    assert.match(after.text, /สนใจ/);
    const badStatus = await ownerAgent.agent
      .post(`/organisations/${clubId}/matches/${giverId}`)
      .type('form')
      .send({ status: 'married', _csrf: csrfFrom(mine.text) });
    assert.equal(badStatus.status, 422);

    const stranger = browser(ctx.app);
    await stranger.login((await makeUser()).email, PASSWORD);
    const strangerPage = await stranger.agent.get('/directory');
    const refused = await stranger.agent
      .post(`/organisations/${clubId}/matches/${giverId}`)
      .type('form')
      .send({ status: 'not_relevant', _csrf: csrfFrom(strangerPage.text) });
    assert.equal(refused.status, 403);
    assert.equal((await stranger.agent.get('/admin/introductions')).status, 403);

    const staff = browser(ctx.app);
    await staff.login((await makeUser({ roles: ['staff'] })).email, PASSWORD);
    const intro = await staff.agent.get('/admin/introductions');
    assert.match(intro.text, /ชมรมผู้สูงอายุตำบลพะตง/);
    assert.match(intro.text, /มูลนิธิเพื่อผู้สูงวัยหาดใหญ่/);
    assert.doesNotMatch(intro.text, /ชมรมอาสาดูแลผู้สูงอายุ/);
  });
  it('invites a member by email: only that address can accept, once, and becomes an applicant for the organisation', async () => {
    const owner = browser(ctx.app);
    await owner.login((await makeUser()).email, PASSWORD);
    const created = await createOrg(owner, { nameTh: 'กลุ่มแม่บ้านเกษตรกรบ้านทุ่งลาน' });
    const id = (created.headers.location as string).split('/').pop() as string;
    const page = await owner.agent.get(`/organisations/${id}`);
    const sent = await owner.agent
      .post(`/organisations/${id}/invitations`)
      .type('form')
      .send({ email: 'Friend@Example.org', _csrf: csrfFrom(page.text) });
    assert.equal(sent.status, 303);
    const bad = await owner.agent
      .post(`/organisations/${id}/invitations`)
      .type('form')
      .send({ email: 'not-an-email', _csrf: csrfFrom(page.text) });
    assert.equal(bad.status, 422);
    const mail = await MailMessage.findOne({ template: 'orgInvitation', to: 'friend@example.org' });
    assert.ok(mail);
    assert.match(mail.subject, /กลุ่มแม่บ้านเกษตรกรบ้านทุ่งลาน/);
    const link = /\/invitations\/[\w-]+/.exec(mail.deliveryText ?? mail.text)?.[0] as string;
    assert.ok(link);

    const stranger = browser(ctx.app);
    await stranger.login((await makeUser()).email, PASSWORD);
    const strangerView = await stranger.agent.get(link);
    assert.equal(strangerView.status, 200);
    const refused = await stranger.agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(strangerView.text) });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /คำเชิญนี้ส่งถึงอีเมลอื่น/);

    assert.equal((await request(ctx.app).get(link)).status, 302, 'sign in first');
    const friendUser = await makeUser({ email: 'friend@example.org' });
    const friend = browser(ctx.app);
    await friend.login('friend@example.org', PASSWORD);
    const view = await friend.agent.get(link);
    assert.match(view.text, /กลุ่มแม่บ้านเกษตรกรบ้านทุ่งลาน/);
    const accepted = await friend.agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(view.text) });
    assert.equal(accepted.status, 303);
    assert.ok((await Organisation.findById(id))?.memberUserIds.map(String).includes(friendUser.id));
    assert.ok((await User.findById(friendUser.id))?.roles.includes('applicant'));
    assert.equal((await friend.agent.get(`/organisations/${id}/edit`)).status, 200, 'members edit');
    assert.equal((await friend.agent.get(link)).status, 404, 'a link works once');
    assert.equal((await friend.agent.get('/invitations/made-up-token-that-is-long-enough')).status, 404);
  });
  it('records social-map surveys (staff and verified partners only) and shows an area’s organisations, surveys and needs against offers', async () => {
    const staff = browser(ctx.app);
    await staff.login((await makeUser({ roles: ['staff'] })).email, PASSWORD);
    const form = await staff.agent.get('/areas/3201/surveys/new');
    assert.equal(form.status, 200);
    assert.match(form.text, /อ\.เมืองสุรินทร์ จ\.สุรินทร์/);
    const fields = {
      title: 'สำรวจแผนที่ทางสังคม อำเภอเมืองสุรินทร์ 2569',
      surveyedOn: '2026-10-01',
      assets: ['local_wisdom', 'savings_groups'],
      potentialText: 'มีกลุ่มทอผ้าไหมและกองทุนหมู่บ้านที่เข้มแข็ง',
      problemIssues: ['elderly', 'drugs'],
      problemsText: 'ผู้สูงอายุอยู่ลำพังมากขึ้น',
      groupsCount: '42',
      leadersCount: '15',
      needKinds: ['volunteers', 'training'],
      needsText: 'อาสาสมัครดูแลผู้สูงอายุ',
      _csrf: csrfFrom(form.text),
    };
    const saved = await staff.agent.post('/areas/3201/surveys').type('form').send(fields);
    assert.equal(saved.status, 303);
    const badDate = await staff.agent
      .post('/areas/3201/surveys')
      .type('form')
      .send({ ...fields, surveyedOn: '2026-13-45' });
    assert.equal(badDate.status, 422);
    assert.match(badDate.text, /กรุณากรอกวันที่ให้ถูกต้อง/);

    const area = await request(ctx.app).get('/areas/3201');
    assert.equal(area.status, 200);
    assert.match(area.text, /สำรวจแผนที่ทางสังคม อำเภอเมืองสุรินทร์ 2569/);
    assert.match(area.text, /ภูมิปัญญาท้องถิ่น/);
    assert.match(area.text, /กลุ่มองค์กร 42 กลุ่ม ผู้นำชุมชน 15 คน/);
    assert.match(area.text, /ความต้องการเทียบกับสิ่งที่มีให้ในพื้นที่/);
    const province = await request(ctx.app).get('/areas/32');
    assert.match(
      province.text,
      /สำรวจแผนที่ทางสังคม อำเภอเมืองสุรินทร์ 2569/,
      'a district’s survey shows on its province page',
    );
    assert.match(province.text, /องค์กรในพื้นที่ 1[0-9]{2} องค์กร/);
    assert.equal((await request(ctx.app).get('/areas/9999')).status, 404);
    assert.equal((await request(ctx.app).get('/areas/abc')).status, 404);

    const donor = browser(ctx.app);
    await donor.login((await makeUser()).email, PASSWORD);
    const donorForm = await donor.agent.get('/areas/3201/surveys/new');
    const refused = await donor.agent
      .post('/areas/3201/surveys')
      .type('form')
      .send({ ...fields, _csrf: csrfFrom(donorForm.text) });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /องค์กรภาคีที่ได้รับการรับรอง/);
  });

  it('shows the social map: organisations by province and a network graph drawn on the server', async () => {
    const res = await request(ctx.app).get('/directory/map');
    assert.equal(res.status, 200);
    assert.match(res.text, /<svg class="graph"/);
    assert.equal((res.text.match(/class="network"/g) ?? []).length, 10);
    assert.ok((res.text.match(/class="org"/g) ?? []).length >= 177);
    assert.match(res.text, /href="\/areas\/32">สุรินทร์<\/a>/);
    assert.doesNotMatch(res.text, /<script[^>]*src="http/, 'no CDN');
  });
  it('lets members say which networks the organisation belongs to; unknown networks are refused', async () => {
    const owner = browser(ctx.app);
    await owner.login((await makeUser()).email, PASSWORD);
    const network = await Network.findOne({ slug: 'mun-river-basin' });
    const created = await createOrg(owner, {
      nameTh: 'กลุ่มประมงพื้นบ้านลุ่มน้ำมูล',
      provinceCode: '32',
      districtCode: '',
      subDistrictCode: '',
      networkIds: [String(network?._id)],
    });
    assert.equal(created.status, 303);
    const id = (created.headers.location as string).split('/').pop() as string;
    assert.deepEqual((await Organisation.findById(id))?.networkIds.map(String), [String(network?._id)]);
    const page = await request(ctx.app).get(`/networks/${String(network?._id)}`);
    assert.match(page.text, /กลุ่มประมงพื้นบ้านลุ่มน้ำมูล/);
    const before = await Organisation.countDocuments();
    const unknown = await createOrg(owner, { nameTh: 'กลุ่มที่อ้างเครือข่ายปลอม', networkIds: ['0123456789abcdef01234567'] });
    assert.equal(unknown.status, 422);
    assert.equal(await Organisation.countDocuments(), before);
  });
  it('sends no invitation from an account whose address is not verified (it could be anyone’s)', async () => {
    const unverified = await makeUser({ verified: false });
    const orgId = await makeOrg(unverified);
    const before = await MailMessage.countDocuments({ template: 'orgInvitation' });
    await assert.rejects(
      inviteMember(unverified, orgId, 'stranger@example.org', 'http://localhost:3999', 'th'),
      EmailNotVerifiedError,
    );
    assert.equal(await MailMessage.countDocuments({ template: 'orgInvitation' }), before, 'no mail');
  });
});
