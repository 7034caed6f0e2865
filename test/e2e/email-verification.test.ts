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
import { acceptInvitation, inviteMember } from '../../src/modules/directory/invitation.service.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { sendVerificationEmail } from '../../src/modules/accounts/email-verification.service.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';
import { EmailNotVerifiedError } from '../../src/shared/errors.js';

/** Issue 12, security 9: an unverified address unlocks nothing that trusts it. */
describe('email verification gates', function () {
  this.timeout(30_000);
  const ctx = useTestApp();

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  /** A link to the address, as the registration mail brings it; followed as from the inbox. */
  async function followEmailedLink(b: ReturnType<typeof browser>, user: PublicUser) {
    await sendVerificationEmail(user.id, 'http://localhost:3999');
    assert.equal((await b.agent.get(await mailedPath(user.email, 'emailVerification', VERIFY_LINK))).status, 200);
  }

  // An unverified account cannot log in (test/e2e/accounts.test.ts), so these gates are met at the
  // service level; they stay as defense in depth for sessions and callers that get past the login.
  it('refuses an unverified person accepting an invitation, and accepts once the emailed link is followed', async () => {
    const owner = await makeUser();
    const orgId = await makeOrg(owner);
    const friend = await makeUser({ email: 'unverified-friend@example.org', verified: false });
    await inviteMember(owner, orgId, friend.email, 'http://localhost:3999', 'th');
    const link = await mailedPath(friend.email, 'orgInvitation', /\/invitations\/[\w-]+/);
    const token = link.split('/').pop() as string;

    await assert.rejects(acceptInvitation(friend, token), EmailNotVerifiedError);
    assert.ok(!(await Organisation.findById(orgId))?.memberUserIds.map(String).includes(friend.id), 'not a member');
    assert.ok(!(await User.findById(friend.id))?.roles.includes('applicant'));

    const b = browser(ctx.app);
    await followEmailedLink(b, friend);
    await b.login(friend.email, PASSWORD);
    const accepted = await b.agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom((await b.agent.get(link)).text) });
    assert.equal(accepted.status, 303);
    assert.ok((await Organisation.findById(orgId))?.memberUserIds.map(String).includes(friend.id));
  });

  it('refuses an unverified member starting an application, and lets them once verified', async () => {
    const staff = await makeUser({ roles: ['staff'] });
    const callId = await makeCall(staff);
    const member = await makeUser({ verified: false, language: 'en' });
    const orgId = await makeOrg(member);
    await assert.rejects(startApplication(member, callId, orgId), EmailNotVerifiedError);
    assert.equal(await Application.countDocuments({ orgId }), 0, 'nothing started');

    const b = browser(ctx.app);
    await followEmailedLink(b, member);
    await b.login(member.email, PASSWORD);
    const callPage = await b.agent.get(`/calls/${callId}`);
    const started = await b.agent
      .post(`/calls/${callId}/applications`)
      .type('form')
      .send({ orgId, _csrf: csrfFrom(callPage.text) });
    assert.equal(started.status, 303);
    assert.equal(await Application.countDocuments({ orgId }), 1);
  });

  it('meets an account made before verification existed: its old session is refused with a page saying why, a new login is refused like a wrong password, and a password reset opens both', async () => {
    const staff = await makeUser({ roles: ['staff'] });
    const callId = await makeCall(staff);
    const member = await makeUser();
    const orgId = await makeOrg(member);
    const appId = await startApplication(member, callId, orgId);
    await saveApplication(member, appId, proposal(20_000_00));
    const old = browser(ctx.app);
    await old.login(member.email, PASSWORD);
    // An account from an older database: no verification date at all (its session is from before).
    await User.collection.updateOne(
      { _id: new User.base.Types.ObjectId(member.id) },
      { $unset: { emailVerifiedAt: '' } },
    );
    const unverified = { ...member, emailVerified: false };
    await assert.rejects(transition(unverified, appId, { action: 'submit' }), EmailNotVerifiedError);

    const page = await old.agent.get(`/applications/${appId}`);
    assert.equal(page.status, 200);
    const refused = await old.agent
      .post(`/applications/${appId}/transitions`)
      .type('form')
      .send({ action: 'submit', _csrf: csrfFrom(page.text) });
    assert.equal(refused.status, 403);
    assert.match(refused.text, /กรุณายืนยันอีเมลของท่านก่อน จึงจะทำรายการนี้ได้/);
    assert.match(refused.text, /action="\/account\/verification"/, 'with a button to send the link again');
    const json = await old.agent
      .post(`/applications/${appId}/transitions`)
      .set('Accept', 'application/json')
      .send({ action: 'submit', _csrf: csrfFrom(page.text) });
    assert.equal(json.status, 403);
    assert.equal(json.body.error.code, 'email_not_verified');
    assert.equal((await Application.findById(appId))?.status, 'draft', 'not submitted');

    const again = await browser(ctx.app).submit('/login', '/login', { email: member.email, password: PASSWORD });
    assert.equal(again.status, 422);
    assert.match(again.text, /อีเมลหรือรหัสผ่านไม่ถูกต้อง/);

    const b = browser(ctx.app);
    await b.submit('/forgot-password', '/forgot-password', { email: member.email });
    const reset = await mailedPath(member.email, 'passwordReset', /\/reset-password\/[A-Za-z0-9_-]+/);
    assert.equal(
      (await b.submit(reset, reset, { password: 'reset-password-1', passwordConfirm: 'reset-password-1' })).status,
      302,
    );
    await b.login(member.email, 'reset-password-1');
    const fresh = await b.agent.get(`/applications/${appId}`);
    const submitted = await b.agent
      .post(`/applications/${appId}/transitions`)
      .type('form')
      .send({ action: 'submit', _csrf: csrfFrom(fresh.text) });
    assert.equal(submitted.status, 303);
    assert.equal((await Application.findById(appId))?.status, 'submitted');
  });

  it('counts a password reset by email as verifying the address, so the login works after it', async () => {
    const user = await makeUser({ verified: false });
    const b = browser(ctx.app);
    await b.submit('/forgot-password', '/forgot-password', { email: user.email });
    const link = await mailedPath(user.email, 'passwordReset', /\/reset-password\/[A-Za-z0-9_-]+/);
    const done = await b.submit(link, link, { password: 'reset-password-1', passwordConfirm: 'reset-password-1' });
    assert.equal(done.status, 302);
    assert.ok((await User.findById(user.id))?.emailVerifiedAt instanceof Date);
    await b.login(user.email, 'reset-password-1');
  });
});
