/**
 * Rate limits on what sends mail or starts a checkout (invitations, registration, password
 * resets, gifts) and on failed logins: counted in the database, so every app process shares them,
 * exact under parallel requests, with a localized 429 page.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useTestApp, stripeTestConfig } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { makeOrg } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { createApp } from '../../src/app.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { markEmailVerified } from '../../src/modules/accounts/email-verification.service.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import {
  claimSlot,
  purgeExpiredRateLimitSlots,
  RateLimitSlot,
  type RateLimitSettings,
} from '../../src/shared/http/rate-limit.js';

const HOUR = 60 * 60 * 1000;
const LIMITS: Partial<RateLimitSettings> = {
  invitation: { limit: 5, windowMs: HOUR },
  invitationAddress: { limit: 2, windowMs: HOUR },
  checkout: { limit: 4, windowMs: HOUR },
  checkoutEmail: { limit: 3, windowMs: HOUR },
  registration: { limit: 3, windowMs: HOUR },
  passwordResetEmail: { limit: 2, windowMs: HOUR },
  login: { limit: 10, windowMs: HOUR },
};

describe('rate limits', () => {
  const ctx = useTestApp({ config: () => stripeTestConfig(), app: { rateLimits: LIMITS } });
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  it('stops one account after its invitations for the window: later ones are a localized 429 and send no mail', async () => {
    const owner = await makeUser();
    const orgId = await makeOrg(owner);
    const b = browser(ctx.app);
    await b.login(owner.email, PASSWORD);
    const page = await b.agent.get(`/organisations/${orgId}`);
    const statuses: number[] = [];
    let refused = '';
    for (let i = 0; i < 30; i++) {
      const res = await b.agent
        .post(`/organisations/${orgId}/invitations`)
        .type('form')
        .send({ email: `friend-${i}@example.org`, _csrf: csrfFrom(page.text) });
      statuses.push(res.status);
      if (res.status === 429) refused = res.text;
    }
    assert.deepEqual(statuses, [...Array(5).fill(303), ...Array(25).fill(429)]);
    assert.match(refused, /คุณทำรายการนี้บ่อยเกินไปในช่วงนี้ กรุณาลองใหม่อีกครั้งในอีก \d+ นาที/);
    assert.equal(await MailMessage.countDocuments({ template: 'orgInvitation' }), 5);
  });

  it('limits invitations to one address whoever sends them, and does not count refused forms', async () => {
    const before = await MailMessage.countDocuments({ template: 'orgInvitation', to: 'target@example.org' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const owner = await makeUser();
      const orgId = await makeOrg(owner);
      const b = browser(ctx.app);
      await b.login(owner.email, PASSWORD);
      const page = await b.agent.get(`/organisations/${orgId}`);
      const invalid = await b.agent
        .post(`/organisations/${orgId}/invitations`)
        .type('form')
        .send({ email: 'not-an-email', _csrf: csrfFrom(page.text) });
      assert.equal(invalid.status, 422, 'a refused form is answered, not limited');
      const res = await b.agent
        .post(`/organisations/${orgId}/invitations`)
        .type('form')
        .send({ email: 'Target@Example.org', _csrf: csrfFrom(page.text) });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [303, 303, 429, 429]);
    assert.equal(await MailMessage.countDocuments({ template: 'orgInvitation', to: 'target@example.org' }), before + 2);
  });

  it('lets 30 parallel anonymous gifts from one address start only the limit of checkouts', async () => {
    const b = browser(ctx.app);
    const page = await b.agent.get('/funds/education/donate');
    const csrf = csrfFrom(page.text);
    const before = await Donation.countDocuments();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        b.agent
          .post('/donate')
          .type('form')
          .send({
            fund: 'education',
            amount: '500',
            frequency: 'one_time',
            name: 'ก',
            email: `donor${i}@example.org`,
            submissionId: randomUUID(),
            _csrf: csrf,
          }),
      ),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 303).length, 4, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 26);
    assert.equal(await Donation.countDocuments(), before + 4, 'no gift or checkout beyond the limit');
    const refused = results.find((r) => r.status === 429);
    assert.ok(Number(refused?.headers['retry-after']) > 0, 'says when to come back');
  });

  it('lets gifts started for one donor email stop at its own limit, whichever addresses they come from', async () => {
    // Per-address limits lifted: only the per-email one is left to stop them.
    const app = createApp(ctx.config, { rateLimits: { ...LIMITS, checkout: { limit: 1000, windowMs: HOUR } } });
    const b = browser(app);
    const csrf = csrfFrom((await b.agent.get('/funds/education/donate')).text);
    const before = await Donation.countDocuments({ 'donor.email': /^inbox@example\.org$/i });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await b.agent
        .post('/donate')
        .type('form')
        .send({
          fund: 'education',
          amount: '500',
          frequency: 'one_time',
          name: 'ก',
          email: i % 2 ? 'INBOX@example.org' : 'inbox@example.org',
          submissionId: randomUUID(),
          _csrf: csrf,
        });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [303, 303, 303, 429, 429, 429]);
    assert.equal(await Donation.countDocuments({ 'donor.email': /^inbox@example\.org$/i }), before + 3);
  });

  it('counts across app processes: a second app on the same database shares the counters', async () => {
    const other = createApp(ctx.config, { rateLimits: LIMITS });
    const one = browser(ctx.app);
    const two = browser(other);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const b of [one, two]) {
        const res = await b.submit('/forgot-password', '/forgot-password', { email: 'shared-counter@example.org' });
        statuses.push(res.status);
      }
    }
    assert.deepEqual(statuses, [200, 200, 429, 429, 429, 429]);
  });

  it('limits registrations per address', async () => {
    const before = await User.countDocuments();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await browser(ctx.app).submit('/register', '/register', {
        name: 'สมหญิง รักถิ่น',
        email: `new-${i}@example.org`,
        password: 'a-good-password',
        passwordConfirm: 'a-good-password',
        preferredLanguage: 'th',
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assert.equal(await User.countDocuments(), before + 3);
  });

  it('counts only failed logins: 12 good logins all work, 10 failures then lock the address and email', async () => {
    const user = await makeUser();
    for (let i = 0; i < 12; i++) {
      const b = browser(ctx.app);
      const res = await b.submit('/login', '/login', { email: user.email, password: PASSWORD });
      assert.equal(res.status, 302, `good login ${i + 1}`);
    }
    const b = browser(ctx.app);
    for (let i = 0; i < 10; i++)
      assert.equal((await b.submit('/login', '/login', { email: user.email, password: `wrong-${i}` })).status, 422);
    const blocked = await b.submit('/login', '/login', { email: user.email, password: PASSWORD });
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /พยายามเข้าสู่ระบบหลายครั้งเกินไป/);
  });

  it('counts a login refused because the address is not verified as a failed login', async () => {
    const user = await makeUser({ verified: false });
    const b = browser(ctx.app);
    for (let i = 0; i < 10; i++) {
      const res = await b.submit('/login', '/login', { email: user.email, password: PASSWORD });
      assert.equal(res.status, 422, `refused login ${i + 1}`);
    }
    await markEmailVerified(user.id);
    const blocked = await b.submit('/login', '/login', { email: user.email, password: PASSWORD });
    assert.equal(blocked.status, 429, 'the refused logins used up the window');
  });

  it('gives no more slots than the limit to parallel claims, and the clean-up removes ended windows', async () => {
    const limit = { limit: 3, windowMs: 1_000 };
    const past = Date.now() - 10_000;
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimSlot('test', 'parallel', limit, past)));
    assert.equal(claims.filter(Boolean).length, 3);
    assert.ok((await RateLimitSlot.countDocuments({ bucket: { $regex: '^test:' } })) === 3);
    assert.ok((await purgeExpiredRateLimitSlots()) >= 3);
    assert.equal(await RateLimitSlot.countDocuments({ bucket: { $regex: '^test:' } }), 0);
    assert.equal((await request(ctx.app).get('/healthz')).status, 200);
  });
});
