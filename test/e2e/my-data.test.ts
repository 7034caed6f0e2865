import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeDonation, makeOrganisation, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { changedCollections, collectionStates } from '../helpers/db-state.js';
import { applicationInReview, makeCall } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { translate } from '../../src/shared/i18n/index.js';
import { declareConflict, saveReview } from '../../src/modules/grants/review.service.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

/**
 * A person's own data (PDPA, issue 13 "trust"): the account page downloads everything held about
 * them and nobody else, and takes a deletion request (confirmed, CSRF-protected) that staff see
 * and resolve; money records stay, and the pages say so.
 */
const field = (key: string) =>
  new RegExp(`class="field-error"[^>]*>${translate('th', key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`);

describe('my data: download and deletion requests', function () {
  this.timeout(60_000);
  const ctx = useTestApp();
  let staff: PublicUser;
  let donor: PublicUser;
  let other: PublicUser;
  let applicant: PublicUser;
  let reviewer: PublicUser;
  let orgId: string;
  let appId: string;

  const gift = (person: PublicUser, reference: string) =>
    makeDonation(staff, { amountSatang: 1_234_00, reference, donor: person });

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staff = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ สมศรี' });
    donor = await makeUser({ name: 'ผู้ให้ หนึ่ง' });
    other = await makeUser({ name: 'ผู้ให้ สอง' });
    applicant = await makeUser({ roles: ['applicant'], name: 'ผู้ขอทุน สาม' });
    reviewer = await makeUser({ roles: ['reviewer'], name: 'กรรมการ สี่' });
    await gift(donor, 'mine-001');
    await gift(other, 'theirs-002');
    orgId = await makeOrganisation(applicant, { nameTh: 'กลุ่มออมทรัพย์บ้านนาทวี' });
    const call = await makeCall(staff, { committeeEmails: [reviewer.email] });
    appId = await applicationInReview(staff, applicant, call, orgId, [reviewer.id]);
    await declareConflict(reviewer, appId, { conflict: false, note: '' });
    await saveReview(reviewer, appId, {
      scores: { need: 4, feasibility: 3, community: 5 },
      recommendation: 'fund',
      commentForStaff: 'ความเห็นของกรรมการสี่',
      commentForApplicant: '',
      submit: true,
    });
  });

  async function download(person: PublicUser) {
    const agent = browser(ctx.app);
    await agent.login(person.email, PASSWORD);
    const res = await agent.agent.get('/account/data');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="?my-data-\d{4}-\d{2}-\d{2}\.json"?$/,
    );
    return { json: JSON.parse(res.text) as Record<string, unknown>, text: res.text };
  }

  it('offers the download and the deletion request on the account page, saying money records are kept', async () => {
    const agent = browser(ctx.app);
    await agent.login(donor.email, PASSWORD);
    const page = (await agent.agent.get('/account')).text;
    assert.match(page, /href="\/account\/data"/);
    assert.match(page, /href="\/account\/deletion-request"/);
    assert.match(page, /href="\/privacy"/);
    assert.ok(page.includes(translate('th', 'myData.keptShort')));
    const en = (await agent.agent.get('/account?lang=en')).text;
    assert.ok(en.includes(translate('en', 'myData.download')));
    // The profile follows the language chosen: back to Thai for the tests after this one.
    await agent.agent.get('/account?lang=th');
  });

  it("downloads the person's own profile, gifts and nobody else's", async () => {
    const { json, text } = await download(donor);
    assert.equal((json.profile as { email: string }).email, donor.email);
    assert.ok(!text.includes('passwordHash'), 'no password hash');
    const gifts = json.gifts as { reference: string; donorEmail: string }[];
    assert.deepEqual(
      gifts.map((g) => g.reference),
      ['mine-001'],
    );
    assert.ok(Array.isArray(json.recurringGifts));
    for (const key of ['applications', 'reviews', 'organisations', 'deletionRequests'])
      assert.deepEqual(json[key], [], key);
    for (const foreign of [other.email, 'theirs-002', applicant.email, 'ความเห็นของกรรมการสี่', 'กลุ่มออมทรัพย์บ้านนาทวี'])
      assert.ok(!text.includes(foreign), `has ${foreign}`);
  });

  it('downloads the applications and organisations an applicant manages, and the reviews a reviewer wrote', async () => {
    const mine = await download(applicant);
    const apps = mine.json.applications as { id: string; proposal: { title: string } | null }[];
    assert.deepEqual(
      apps.map((a) => a.id),
      [appId],
    );
    assert.ok(apps[0]?.proposal?.title, 'the proposal itself');
    assert.deepEqual(
      (mine.json.organisations as { id: string }[]).map((o) => o.id),
      [orgId],
    );
    assert.ok(!mine.text.includes('ความเห็นของกรรมการสี่'), "the reviewer's note to staff is not the applicant's data");
    assert.ok(!mine.text.includes('mine-001'));

    const theirs = await download(reviewer);
    const reviews = theirs.json.reviews as {
      applicationId: string;
      review: { commentForStaff: string; scores: Record<string, number> } | null;
    }[];
    assert.deepEqual(
      reviews.map((r) => r.applicationId),
      [appId],
    );
    assert.equal(reviews[0]?.review?.commentForStaff, 'ความเห็นของกรรมการสี่');
    assert.deepEqual(reviews[0]?.review?.scores, { need: 4, feasibility: 3, community: 5 });
    assert.deepEqual(theirs.json.applications, [], 'a reviewer is not a member of the applying organisation');
  });

  it('sends an anonymous visitor to log in', async () => {
    const res = await browser(ctx.app).agent.get('/account/data');
    assert.equal(res.status, 302);
    assert.match(String(res.headers.location), /^\/login\?next=/);
  });

  it('records a confirmed deletion request once; staff see it, mark it done with a note, and the person sees the outcome', async () => {
    const person = browser(ctx.app);
    await person.login(donor.email, PASSWORD);
    const page = (await person.agent.get('/account/deletion-request')).text;
    assert.ok(page.includes(translate('th', 'myData.keptPart')), 'the page says what the law keeps');
    const token = csrfFrom(page);

    // Without the tick: the form comes back with the message beside it, and nothing is recorded.
    let before = await collectionStates();
    const unconfirmed = await person.agent
      .post('/account/deletion-request')
      .type('form')
      .send({ reason: 'ไม่ใช้แล้ว', _csrf: token });
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.text, field('myData.confirmRequired'));
    assert.match(unconfirmed.text, /ไม่ใช้แล้ว/, 'the reason typed comes back');
    assert.deepEqual(changedCollections(before, await collectionStates()), []);
    // Without the CSRF token: refused.
    assert.equal(
      (await person.agent.post('/account/deletion-request').type('form').send({ confirm: 'on' })).status,
      403,
    );
    assert.deepEqual(changedCollections(before, await collectionStates()), []);

    const sent = await person.agent
      .post('/account/deletion-request')
      .type('form')
      .send({ confirm: 'on', reason: 'ไม่ใช้แล้ว <b>จริง</b>', _csrf: token });
    assert.equal(sent.status, 303);
    // Asking again while one is open records nothing more.
    before = await collectionStates();
    assert.equal(
      (await person.agent.post('/account/deletion-request').type('form').send({ confirm: 'on', _csrf: token })).status,
      303,
    );
    assert.deepEqual(changedCollections(before, await collectionStates()), []);
    assert.ok((await person.agent.get('/account')).text.includes(translate('th', 'myData.openSince')));

    const s = browser(ctx.app);
    await s.login(staff.email, PASSWORD);
    const list = (await s.agent.get('/admin/deletion-requests')).text;
    assert.equal((list.match(/<li class="card">/g) ?? []).length, 1);
    assert.ok(list.includes(donor.name) && list.includes(donor.email), 'who');
    assert.ok(list.includes('ไม่ใช้แล้ว &lt;b&gt;จริง&lt;/b&gt;'), 'the reason, escaped');
    assert.ok(list.includes(translate('th', 'myData.status.open')));
    const id = /action="\/admin\/deletion-requests\/([a-f0-9]{24})"/.exec(list)?.[1];
    assert.ok(id);
    const staffToken = csrfFrom(list);

    // Declining needs a note; an unknown status is refused; both change nothing.
    before = await collectionStates();
    const noNote = await s.agent
      .post(`/admin/deletion-requests/${id}`)
      .type('form')
      .send({ status: 'declined', note: '', _csrf: staffToken });
    assert.equal(noNote.status, 422);
    assert.match(noNote.text, field('myData.noteRequired'));
    assert.equal(
      (await s.agent.post(`/admin/deletion-requests/${id}`).type('form').send({ status: 'deleted', _csrf: staffToken }))
        .status,
      422,
    );
    assert.deepEqual(changedCollections(before, await collectionStates()), []);

    const done = await s.agent
      .post(`/admin/deletion-requests/${id}`)
      .type('form')
      .send({ status: 'done', note: 'ลบบัญชีแล้ว เก็บใบเสร็จตามกฎหมาย', _csrf: staffToken });
    assert.equal(done.status, 303);
    assert.equal(
      (
        await s.agent
          .post(`/admin/deletion-requests/${id}`)
          .type('form')
          .send({ status: 'declined', note: 'ซ้ำ', _csrf: staffToken })
      ).status,
      409,
      'resolved once',
    );
    assert.ok(!(await s.agent.get('/admin/deletion-requests')).text.includes(donor.email), 'gone from the open list');
    const all = (await s.agent.get('/admin/deletion-requests?status=done')).text;
    assert.ok(all.includes(donor.email) && all.includes('ลบบัญชีแล้ว เก็บใบเสร็จตามกฎหมาย') && all.includes(staff.name));

    const outcome = (await person.agent.get('/account/deletion-request')).text;
    assert.ok(outcome.includes(translate('th', 'myData.status.done')) && outcome.includes('ลบบัญชีแล้ว'));
    const after = (await download(donor)).json.deletionRequests as { status: string; note: string }[];
    assert.deepEqual(
      after.map((r) => r.status),
      ['done'],
    );
  });

  it('lets only staff see and resolve deletion requests', async () => {
    const d = browser(ctx.app);
    await d.login(other.email, PASSWORD);
    assert.equal((await d.agent.get('/admin/deletion-requests')).status, 403);
    const token = csrfFrom((await d.agent.get('/account')).text);
    await d.agent.post('/account/deletion-request').type('form').send({ confirm: 'on', _csrf: token });
    const s = browser(ctx.app);
    await s.login(staff.email, PASSWORD);
    const id = /action="\/admin\/deletion-requests\/([a-f0-9]{24})"/.exec(
      (await s.agent.get('/admin/deletion-requests')).text,
    )?.[1];
    assert.ok(id);
    const before = await collectionStates();
    assert.equal(
      (
        await d.agent
          .post(`/admin/deletion-requests/${id}`)
          .type('form')
          .send({ status: 'done', note: 'x', _csrf: token })
      ).status,
      403,
    );
    assert.equal(
      (
        await s.agent
          .post(`/admin/deletion-requests/${'0'.repeat(24)}`)
          .type('form')
          .send({ status: 'done', _csrf: csrfFrom((await s.agent.get('/admin')).text) })
      ).status,
      404,
    );
    assert.deepEqual(changedCollections(before, await collectionStates()), []);
  });
});
