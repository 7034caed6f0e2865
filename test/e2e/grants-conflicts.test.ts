/**
 * A reviewer who becomes conflicted after assignment (issue 12, security 2): their
 * organisation leaves the applicant's network, they are assigned, it rejoins. They are shut out
 * when they open, save or submit; a score already in is left out of the decision view until staff
 * clear it; and every join and leave is on record, with who and when, for staff.
 */
import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { applicationInReview, makeCall } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { Review } from '../../src/modules/grants/review.model.js';
import { NetworkMembershipChange } from '../../src/modules/directory/network-membership.model.js';
import { translate } from '../../src/shared/i18n/index.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

type Browser = ReturnType<typeof browser>;
const SCORES = {
  'scores[need]': '5',
  'scores[feasibility]': '5',
  'scores[community]': '5',
  recommendation: 'fund',
  intent: 'submit',
  confirm: 'on',
};
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/’/g, '(’|&#x27;|&rsquo;)');

describe('grants: a reviewer linked to the applicant after assignment cannot score, and is left out of the ranking', function () {
  this.timeout(60_000);
  const ctx = useTestApp();
  let staffUser: PublicUser;
  let reviewerUser: PublicUser;
  let secondUser: PublicUser;
  let freeUser: PublicUser;
  let networkId: string;
  let secondNetworkId: string;
  let secondOrgId: string;
  let callId: string;
  /** From the network's member: the one the reviewer is kept from. */
  let linkedApp: string;
  /** Scored 3/3/3 by the free reviewer: first once the linked scores are out. */
  let plainApp: string;
  /** Scored 5/5/5 by the second reviewer before their organisation joins its network. */
  let laterApp: string;
  let laterOrgId: string;
  let thirdUser: PublicUser;
  let staff: Browser;
  let reviewer: Browser;

  const orgForm = (networkIds: string[]) => ({
    nameTh: 'ชมรมกรรมการอาสา',
    type: 'community_group',
    roles: 'supporter',
    provinceCode: '90',
    matchingOptIn: 'on',
    confirmDuplicate: 'on',
    ...(networkIds.length ? { networkIds } : {}),
  });

  /** The decision view's CSV as rank → [application id, mean score]. */
  async function ranking(): Promise<{ id: string; mean: string; rank: number }[]> {
    const csv = await staff.agent.get(`/admin/calls/${callId}/decisions.csv`);
    assert.equal(csv.status, 200);
    return csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','))
      .map((cells) => ({ rank: Number(cells[0]), id: String(cells[1]), mean: String(cells[8]) }));
  }

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staffUser = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ วิไล' });
    reviewerUser = await makeUser({ roles: ['reviewer'], name: 'กรรมการ สมปอง' });
    secondUser = await makeUser({ roles: ['reviewer'], name: 'กรรมการ สายใจ' });
    freeUser = await makeUser({ roles: ['reviewer'], name: 'กรรมการ อิสระ' });
    networkId = await makeNetwork({ slug: 'lake-network', th: 'เครือข่ายทะเลสาบ', en: 'Lake network' });
    secondNetworkId = await makeNetwork({ slug: 'hill-network', th: 'เครือข่ายป่าเขา', en: 'Hill network' });
    secondOrgId = await makeOrganisation(secondUser, { roles: ['supporter'] });
    callId = await makeCall(staffUser, {
      committeeEmails: [reviewerUser.email, secondUser.email, freeUser.email],
      reviewsPerApplication: 1,
    });
    const applicant = await makeUser();
    linkedApp = await applicationInReview(
      staffUser,
      applicant,
      callId,
      await makeOrganisation(applicant, { networkIds: [networkId] }),
      [],
      20_000_00,
    );
    const other = await makeUser();
    plainApp = await applicationInReview(
      staffUser,
      other,
      callId,
      await makeOrganisation(other),
      [freeUser.id],
      20_000_00,
    );
    thirdUser = await makeUser();
    laterOrgId = await makeOrganisation(thirdUser, { networkIds: [secondNetworkId] });
    laterApp = await applicationInReview(staffUser, thirdUser, callId, laterOrgId, [secondUser.id], 20_000_00);
    staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
    reviewer = browser(ctx.app);
    await reviewer.login(reviewerUser.email, PASSWORD);
    const free = browser(ctx.app);
    await free.login(freeUser.email, PASSWORD);
    assert.equal(
      (await free.submit(`/reviews/${plainApp}`, `/reviews/${plainApp}/conflict`, { conflict: 'no' })).status,
      303,
    );
    assert.equal(
      (
        await free.submit(`/reviews/${plainApp}`, `/reviews/${plainApp}`, {
          ...SCORES,
          'scores[need]': '3',
          'scores[feasibility]': '3',
          'scores[community]': '3',
        })
      ).status,
      303,
    );
  });

  it('refused → leaves → assigned → rejoins: opening, declaring and scoring 5/5/5 are refused with a clear message, nothing saved, not ranked; each join and leave is recorded with who and when, shown to staff only', async () => {
    // The reviewer's organisation is in the applicant's network (created through the form).
    const created = await reviewer.submit('/organisations/new', '/organisations', orgForm([networkId]));
    assert.equal(created.status, 303, created.text.slice(0, 300));
    const reviewerOrgId = String(created.headers.location).split('/').pop() as string;

    const refused = await staff.submit(`/applications/${linkedApp}`, `/applications/${linkedApp}/reviewers`, {
      reviewerIds: reviewerUser.id,
    });
    assert.equal(refused.status, 422, 'assignment refused for the conflict');
    assert.equal(await Review.countDocuments({ applicationId: linkedApp }), 0);

    const left = await reviewer.submit(
      `/organisations/${reviewerOrgId}/edit`,
      `/organisations/${reviewerOrgId}`,
      orgForm([]),
    );
    assert.equal(left.status, 303);
    const assigned = await staff.submit(`/applications/${linkedApp}`, `/applications/${linkedApp}/reviewers`, {
      reviewerIds: reviewerUser.id,
    });
    assert.equal(assigned.status, 303, 'no link any more: assigned');
    const rejoined = await reviewer.submit(
      `/organisations/${reviewerOrgId}/edit`,
      `/organisations/${reviewerOrgId}`,
      orgForm([networkId]),
    );
    assert.equal(rejoined.status, 303);

    const message = translate('th', 'grants.conflictFoundNow');
    const open = await reviewer.agent.get(`/reviews/${linkedApp}`);
    assert.equal(open.status, 403);
    assert.match(open.text, new RegExp(esc(message)));
    assert.doesNotMatch(open.text, /ลานสุขภาพผู้สูงอายุ|ผู้สูงอายุในตำบลขาดพื้นที่/, 'the proposal is not shown');
    const flagged = await Review.findOne({ applicationId: linkedApp }).lean();
    assert.deepEqual(flagged?.conflictFlag?.reasons, ['shared_network']);
    assert.ok(flagged?.conflictFlag?.flaggedAt instanceof Date);

    const csrf = csrfFrom((await reviewer.agent.get('/reviews')).text);
    const declare = await reviewer.agent
      .post(`/reviews/${linkedApp}/conflict`)
      .type('form')
      .send({ conflict: 'no', _csrf: csrf });
    assert.equal(declare.status, 403);
    const score = await reviewer.agent
      .post(`/reviews/${linkedApp}`)
      .type('form')
      .send({ ...SCORES, _csrf: csrf });
    assert.equal(score.status, 403);
    const english = await reviewer.agent
      .post(`/reviews/${linkedApp}?lang=en`)
      .set('Accept', 'application/json')
      .send({ ...SCORES, _csrf: csrf });
    assert.equal(english.status, 403);
    assert.equal(english.body.error?.message, translate('en', 'grants.conflictFoundNow'), 'in English too');
    await reviewer.agent.get('/reviews?lang=th');
    const after = await Review.findOne({ applicationId: linkedApp }).lean();
    assert.equal(after?.declaredConflict, null, 'no declaration saved');
    assert.equal(after?.status, 'assigned');
    assert.deepEqual(Object.keys(after?.scores ?? {}), [], 'no score saved');

    const rows = await ranking();
    assert.equal(rows[0]?.id, plainApp, 'the linked application is not ranked first');
    assert.equal(rows.find((r) => r.id === linkedApp)?.mean, '', 'it has no counted score');
    const desk = await reviewer.agent.get('/reviews');
    assert.match(desk.text, new RegExp(esc(translate('th', 'grants.reviewStatus.flagged'))));
    const page = await staff.agent.get(`/applications/${linkedApp}`);
    assert.match(page.text, new RegExp(esc(translate('th', 'grants.flaggedTag'))), 'staff see the flag');
    assert.match(page.text, /clear-conflict/);

    // Each join and leave above is recorded with who and when, shown to staff only.
    const changes = await NetworkMembershipChange.find({ orgId: reviewerOrgId }).sort({ at: 1, _id: 1 }).lean();
    assert.deepEqual(
      changes.map((c) => [c.change, String(c.networkId), String(c.actorId)]),
      [
        ['joined', networkId, reviewerUser.id],
        ['left', networkId, reviewerUser.id],
        ['joined', networkId, reviewerUser.id],
      ],
    );
    const networkPage = await staff.agent.get(`/networks/${networkId}`);
    assert.equal(networkPage.status, 200);
    const table = networkPage.text.slice(networkPage.text.indexOf('network-history-heading'));
    assert.equal((table.match(/กรรมการ สมปอง/g) ?? []).length, 3, 'the actor on each row');
    assert.match(table, new RegExp(translate('th', 'directory.historyLeft')));
    const orgPage = await staff.agent.get(`/organisations/${reviewerOrgId}`);
    assert.match(orgPage.text, /network-history-heading/);
    for (const other of [reviewer, browser(ctx.app)]) {
      assert.doesNotMatch(
        (await other.agent.get(`/networks/${networkId}`)).text,
        /network-history-heading/,
        'not for the public or members',
      );
      assert.doesNotMatch((await other.agent.get(`/organisations/${reviewerOrgId}`)).text, /network-history-heading/);
    }
  });

  it('lets staff clear the flag with a note (who and when kept): the reviewer may then score, and the score counts', async () => {
    const review = await Review.findOne({ applicationId: linkedApp }).lean();
    const action = `/applications/${linkedApp}/reviews/${String(review?._id)}/clear-conflict`;
    const noNote = await staff.submit(`/applications/${linkedApp}`, action, { note: '' });
    assert.equal(noNote.status, 422, 'a note is required');
    assert.equal((await reviewer.agent.get(`/reviews/${linkedApp}`)).status, 403, 'still flagged');
    const cleared = await staff.submit(`/applications/${linkedApp}`, action, {
      note: 'เครือข่ายเป็นเพียงเวทีแลกเปลี่ยน ไม่มีผลประโยชน์ร่วม',
    });
    assert.equal(cleared.status, 303);
    const doc = await Review.findOne({ applicationId: linkedApp }).lean();
    assert.equal(doc?.conflictFlag, null);
    assert.equal(String(doc?.conflictClearances?.[0]?.clearedBy), staffUser.id);
    assert.ok(doc?.conflictClearances?.[0]?.clearedAt instanceof Date);
    assert.equal(
      (await staff.submit(`/applications/${linkedApp}`, action, { note: 'อีกครั้ง' })).status,
      409,
      'nothing left to clear',
    );
    const page = await staff.agent.get(`/applications/${linkedApp}`);
    assert.match(page.text, /เจ้าหน้าที่ วิไล/);
    assert.match(page.text, /เครือข่ายเป็นเพียงเวทีแลกเปลี่ยน/);

    assert.equal((await reviewer.agent.get(`/reviews/${linkedApp}`)).status, 200);
    assert.equal(
      (await reviewer.submit(`/reviews/${linkedApp}`, `/reviews/${linkedApp}/conflict`, { conflict: 'no' })).status,
      303,
    );
    assert.equal((await reviewer.submit(`/reviews/${linkedApp}`, `/reviews/${linkedApp}`, SCORES)).status, 303);
    const rows = await ranking();
    assert.equal(rows[0]?.id, linkedApp, 'cleared: its 5/5/5 counts and ranks it first');
    assert.equal(rows[0]?.mean, '5.00');
  });

  it('leaves out a score already in when the reviewer’s organisation joins the applicant’s network afterwards, until staff clear it', async () => {
    const second = browser(ctx.app);
    await second.login(secondUser.email, PASSWORD);
    assert.equal(
      (await second.submit(`/reviews/${laterApp}`, `/reviews/${laterApp}/conflict`, { conflict: 'no' })).status,
      303,
    );
    assert.equal((await second.submit(`/reviews/${laterApp}`, `/reviews/${laterApp}`, SCORES)).status, 303);
    const before = await ranking();
    assert.deepEqual(
      before
        .filter((r) => r.mean === '5.00')
        .map((r) => r.id)
        .sort(),
      [linkedApp, laterApp].sort(),
    );

    const joined = await second.submit(`/organisations/${secondOrgId}/edit`, `/organisations/${secondOrgId}`, {
      ...orgForm([secondNetworkId]),
      nameTh: 'กลุ่มกรรมการที่สอง',
    });
    assert.equal(joined.status, 303);
    const proposal = await second.agent.get(`/applications/${laterApp}`);
    assert.equal(proposal.status, 403, 'the application page (and its files) closes to them at once');
    assert.match(proposal.text, new RegExp(esc(translate('th', 'grants.conflictFoundNow'))));
    const rows = await ranking();
    const later = rows.find((r) => r.id === laterApp);
    assert.equal(later?.mean, '', 'the score is not counted');
    assert.ok((later?.rank ?? 0) > (rows.find((r) => r.id === plainApp)?.rank ?? 0), 'and does not rank it');
    const view = await staff.agent.get(`/admin/calls/${callId}/decisions`);
    assert.match(
      view.text,
      new RegExp(esc(translate('th', 'grants.flaggedLeftOut', { count: 1 }))),
      'staff see why in the decision view',
    );
    const review = await Review.findOne({ applicationId: laterApp }).lean();
    assert.deepEqual(review?.conflictFlag?.reasons, ['shared_network'], 'flagged for staff to clear');
    assert.equal((await second.agent.get(`/reviews/${laterApp}`)).status, 403);

    const cleared = await staff.submit(
      `/applications/${laterApp}`,
      `/applications/${laterApp}/reviews/${String(review?._id)}/clear-conflict`,
      { note: 'ตรวจแล้ว ไม่เกี่ยวข้องกับโครงการ' },
    );
    assert.equal(cleared.status, 303);
    assert.equal((await ranking()).find((r) => r.id === laterApp)?.mean, '5.00', 'clearing puts the score back');
  });
  it('a clearance covers the links staff saw: a link through another network flags the review again', async () => {
    const thirdNetworkId = await makeNetwork({ slug: 'sea-network', th: 'เครือข่ายชายฝั่ง', en: 'Coast network' });
    const applicant = browser(ctx.app);
    await applicant.login(thirdUser.email, PASSWORD);
    const applicantJoins = await applicant.submit(`/organisations/${laterOrgId}/edit`, `/organisations/${laterOrgId}`, {
      ...orgForm([secondNetworkId, thirdNetworkId]),
      nameTh: 'กลุ่มผู้สมัครที่สาม',
    });
    assert.equal(applicantJoins.status, 303);
    assert.equal(
      (await ranking()).find((r) => r.id === laterApp)?.mean,
      '5.00',
      'the applicant joining a network the reviewer is not in changes nothing',
    );

    const second = browser(ctx.app);
    await second.login(secondUser.email, PASSWORD);
    const reviewerJoins = await second.submit(`/organisations/${secondOrgId}/edit`, `/organisations/${secondOrgId}`, {
      ...orgForm([secondNetworkId, thirdNetworkId]),
      nameTh: 'กลุ่มกรรมการที่สอง',
    });
    assert.equal(reviewerJoins.status, 303);
    assert.equal(
      (await ranking()).find((r) => r.id === laterApp)?.mean,
      '',
      'a new shared network is a new conflict: the score is out again',
    );
    const review = await Review.findOne({ applicationId: laterApp }).lean();
    assert.ok(review?.conflictFlag, 'flagged again for staff');
    assert.deepEqual(
      review?.conflictClearances?.at(-1)?.links,
      [`shared_network:${secondNetworkId}`],
      'the clearance named the link it covered',
    );
  });
});
