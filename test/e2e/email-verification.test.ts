import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { makeCall, makeOrg, proposal } from '../helpers/grants.js';
import { mailedPath, VERIFY_LINK } from '../helpers/mail-links.js';
import { runSeeds } from '../../seeds/index.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { Organisation } from '../../src/modules/directory/organisation.model.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { inviteMember } from '../../src/modules/directory/invitation.service.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';

/** Issue 12, security 9: an unverified address unlocks nothing that trusts it. */
describe('email verification gates', function () {
  this.timeout(30_000);
  const ctx = useTestApp();

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  /** The person asks for a link on their account page and follows it, as they would from their inbox. */
  async function verifyThroughInbox(b: ReturnType<typeof browser>, email: string) {
    assert.equal((await b.submit('/account', '/account/verification', {})).status, 303);
    assert.equal((await b.agent.get(await mailedPath(email, 'emailVerification', VERIFY_LINK))).status, 200);
  }

  it('refuses an unverified person accepting an invitation, says why with a resend button, and accepts once verified', async () => {
    const owner = await makeUser();
    const orgId = await makeOrg(owner);
    const friend = await makeUser({ email: 'unverified-friend@example.org', verified: false });
    await inviteMember(owner, orgId, friend.email, 'http://localhost:3999', 'th');
    const mail = await MailMessage.findOne({ to: friend.email, template: 'orgInvitation' }).lean();
    const link = /\/invitations\/[\w-]+/.exec(mail?.deliveryText ?? mail?.text ?? '')?.[0] as string;
    assert.ok(link);

    const b = browser(ctx.app);
    await b.login(friend.email, PASSWORD);
    const view = await b.agent.get(link);
    assert.equal(view.status, 200);
    assert.match(view.text, /กรุณายืนยันอีเมลของท่านก่อน/, 'the invitation page says so before any click');
    assert.match(view.text, /action="\/account\/verification"/);
    const refused = await b.agent.post(link).type('form').send({ _csrf: csrfFrom(view.text) });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /กรุณายืนยันอีเมลของท่านก่อน จึงจะทำรายการนี้ได้/);
    assert.match(refused.text, /action="\/account\/verification"/, 'with a button to send the link again');
    assert.ok(!(await Organisation.findById(orgId))?.memberUserIds.map(String).includes(friend.id), 'not a member');
    assert.ok(!(await User.findById(friend.id))?.roles.includes('applicant'));

    const json = await b.agent.post(link).set('Accept', 'application/json').send({ _csrf: csrfFrom(view.text) });
    assert.equal(json.status, 403);
    assert.equal(json.body.error.code, 'email_not_verified');

    await verifyThroughInbox(b, friend.email);
    const accepted = await b.agent.post(link).type('form').send({ _csrf: csrfFrom((await b.agent.get(link)).text) });
    assert.equal(accepted.status, 303);
    assert.ok((await Organisation.findById(orgId))?.memberUserIds.map(String).includes(friend.id));
  });

  it('refuses an unverified member starting an application, in English too, and lets them once verified', async () => {
    const staff = await makeUser({ roles: ['staff'] });
    const callId = await makeCall(staff);
    const member = await makeUser({ verified: false, language: 'en' });
    const orgId = await makeOrg(member);
    const b = browser(ctx.app);
    await b.login(member.email, PASSWORD);
    const callPage = await b.agent.get(`/calls/${callId}`);
    const refused = await b.agent.post(`/calls/${callId}/applications`).type('form').send({ orgId, _csrf: csrfFrom(callPage.text) });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Please verify your email address first/);
    assert.match(refused.text, /Send the verification link again/);
    assert.equal(await Application.countDocuments({ orgId }), 0, 'nothing started');

    await verifyThroughInbox(b, member.email);
    const started = await b.agent.post(`/calls/${callId}/applications`).type('form').send({ orgId, _csrf: csrfFrom(callPage.text) });
    assert.equal(started.status, 303);
    assert.equal(await Application.countDocuments({ orgId }), 1);
  });

  it('refuses submitting for an account made before verification existed, and keeps its login working', async () => {
    const staff = await makeUser({ roles: ['staff'] });
    const callId = await makeCall(staff);
    const member = await makeUser();
    const orgId = await makeOrg(member);
    const appId = await startApplication(member, callId, orgId);
    await saveApplication(member, appId, proposal(20_000_00));
    // An account from an older database: no verification date at all.
    await User.collection.updateOne({ _id: new User.base.Types.ObjectId(member.id) }, { $unset: { emailVerifiedAt: '' } });

    const b = browser(ctx.app);
    await b.login(member.email, PASSWORD);
    const page = await b.agent.get(`/applications/${appId}`);
    assert.equal(page.status, 200);
    const refused = await b.agent.post(`/applications/${appId}/transitions`).type('form').send({ action: 'submit', _csrf: csrfFrom(page.text) });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /กรุณายืนยันอีเมลของท่านก่อน/);
    assert.equal((await Application.findById(appId))?.status, 'draft', 'not submitted');

    await verifyThroughInbox(b, member.email);
    const submitted = await b.agent.post(`/applications/${appId}/transitions`).type('form').send({ action: 'submit', _csrf: csrfFrom(page.text) });
    assert.equal(submitted.status, 303);
    assert.equal((await Application.findById(appId))?.status, 'submitted');
  });

  it('counts a password reset by email as verifying the address', async () => {
    const user = await makeUser({ verified: false });
    const b = browser(ctx.app);
    await b.submit('/forgot-password', '/forgot-password', { email: user.email });
    const link = await mailedPath(user.email, 'passwordReset', /\/reset-password\/[A-Za-z0-9_-]+/);
    const done = await b.submit(link, link, { password: 'reset-password-1', passwordConfirm: 'reset-password-1' });
    assert.equal(done.status, 302);
    assert.ok((await User.findById(user.id))?.emailVerifiedAt instanceof Date);
  });
});
