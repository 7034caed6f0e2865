import assert from 'node:assert/strict';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { PasswordReset } from '../../src/modules/accounts/password-reset.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { EmailVerification } from '../../src/modules/accounts/email-verification.model.js';
import { authenticate } from '../../src/modules/accounts/user.service.js';
import { sendVerificationEmail } from '../../src/modules/accounts/email-verification.service.js';
import { events } from '../../src/shared/events.js';
import { mailedPath, VERIFY_LINK } from '../helpers/mail-links.js';

const registration = {
  name: 'สมหญิง รักถิ่น',
  email: 'Somying@Example.org',
  password: 'a-good-password',
  passwordConfirm: 'a-good-password',
  preferredLanguage: 'th',
};

async function resetLinkFor(email: string): Promise<string> {
  const mail = await MailMessage.findOne({ to: email, template: 'passwordReset' }).sort({ createdAt: -1 });
  assert.ok(mail, 'no reset email in the outbox');
  const match = /http:\/\/localhost:3999(\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.deliveryText ?? mail.text);
  assert.ok(match, 'the email has no reset link');
  return match[1] as string;
}

describe('accounts', () => {
  const ctx = useTestApp();

  describe('registration', () => {
    it('registers without logging in, as an unverified donor, and emails a single-use verification link', async () => {
      const b = browser(ctx.app);
      const res = await b.submit('/register', '/register', registration);
      assert.equal(res.status, 200);
      assert.match(res.text, /ตรวจสอบอีเมลของท่าน/);
      assert.match(res.text, /somying@example\.org/);
      assert.equal((await b.agent.get('/account')).status, 302, 'not logged in until they log in');
      const user = await User.findOne({ email: 'somying@example.org' });
      assert.deepEqual(user?.roles, ['donor']);
      assert.notEqual(user?.passwordHash, registration.password);
      assert.equal(user?.emailVerifiedAt, null);
      const mails = await MailMessage.find({ to: 'somying@example.org' }).lean();
      assert.deepEqual(
        mails.map((m) => m.template),
        ['emailVerification'],
        'one email: the verification link is the welcome',
      );
      const link = await mailedPath('somying@example.org', 'emailVerification', VERIFY_LINK);
      assert.ok(!mails[0]?.text.includes(link), 'the outbox copy hides the link');

      // No login before the link is followed: the same answer as a wrong password, with the way out.
      const refused = await b.submit('/login', '/login', {
        email: 'somying@example.org',
        password: registration.password,
      });
      assert.equal(refused.status, 422);
      assert.match(refused.text, /อีเมลหรือรหัสผ่านไม่ถูกต้อง หากท่านเพิ่งลงทะเบียน กรุณาเปิดลิงก์ในอีเมลที่เราส่งให้ก่อน/);
      assert.equal((await b.agent.get('/account')).status, 302, 'still not logged in');
      assert.equal((await User.findOne({ email: 'somying@example.org' }))?.lastLoginAt ?? null, null);
    });

    it('answers the same to a login after registering an address that has an account as after registering a fresh one; the fresh one logs in after its link', async () => {
      const victim = await makeUser({ email: 'victim@example.org', language: 'en' });
      const attacker = { password: 'attacker-password', passwordConfirm: 'attacker-password' };
      const normalise = (html: string, email: string) =>
        html
          .replace(/name="_csrf" value="[^"]+"/g, '')
          .replace(/data-request-id="[^"]*"/g, '')
          .replaceAll(email, 'EMAIL');
      const registerThenLogIn = async (email: string) => {
        const b = browser(ctx.app);
        assert.equal((await b.submit('/register', '/register', { ...registration, ...attacker, email })).status, 200);
        return { b, res: await b.submit('/login', '/login', { email, password: attacker.password }) };
      };

      const taken = await registerThenLogIn(victim.email);
      const fresh = await registerThenLogIn('fresh-address@example.org');
      assert.equal(taken.res.status, 422);
      assert.equal(fresh.res.status, taken.res.status);
      assert.equal(normalise(fresh.res.text, 'fresh-address@example.org'), normalise(taken.res.text, victim.email));
      assert.deepEqual(Object.keys(fresh.res.headers).sort(), Object.keys(taken.res.headers).sort());
      // …and the same as a plain wrong password for an account that can log in.
      const wrong = await browser(ctx.app).submit('/login', '/login', {
        email: victim.email,
        password: 'not-the-password',
      });
      assert.equal(wrong.status, taken.res.status);
      assert.equal(normalise(wrong.text, victim.email), normalise(taken.res.text, victim.email));
      for (const { b } of [taken, fresh])
        assert.equal((await b.agent.get('/account')).status, 302, 'nobody is logged in');

      // JSON clients get one answer too (the request id aside).
      const asJson = async (email: string) => {
        const b = browser(ctx.app);
        const page = await b.agent.get('/login');
        const res = await b.agent
          .post('/login')
          .set('Accept', 'application/json')
          .send({ email, password: attacker.password, _csrf: csrfFrom(page.text) });
        const { requestId: _id, ...error } = res.body.error as Record<string, unknown>;
        return { status: res.status, error: JSON.stringify(error).replaceAll(email, 'EMAIL') };
      };
      const [jsonTaken, jsonFresh] = [await asJson(victim.email), await asJson('fresh-address@example.org')];
      assert.equal(jsonTaken.status, 422);
      assert.deepEqual(jsonFresh, jsonTaken);

      assert.equal(
        (await fresh.b.agent.get(await mailedPath('fresh-address@example.org', 'emailVerification', VERIFY_LINK)))
          .status,
        200,
      );
      await fresh.b.login('fresh-address@example.org', attacker.password);
      assert.equal((await fresh.b.agent.get('/account')).status, 200);
      await browser(ctx.app).login(victim.email, PASSWORD);
      assert.equal(await authenticate(victim.email, attacker.password), null, 'the victim’s password is unchanged');
    });

    it('verifies the address with the link once, emits user.email_verified, and refuses the link again', async () => {
      const seen: { userId: string; email: string }[] = [];
      const off = events.on('user.email_verified', (payload) => {
        seen.push(payload);
      });
      try {
        const link = await mailedPath('somying@example.org', 'emailVerification', VERIFY_LINK);
        const user = await User.findOne({ email: 'somying@example.org' });
        const first = await request(ctx.app).get(link);
        assert.equal(first.status, 200);
        assert.match(first.text, /ยืนยันอีเมลเรียบร้อยแล้ว/);
        assert.ok((await User.findById(user?._id))?.emailVerifiedAt instanceof Date);
        assert.deepEqual(seen, [{ userId: String(user?._id), email: 'somying@example.org' }]);

        const again = await request(ctx.app).get(link);
        assert.equal(again.status, 410);
        assert.match(again.text, /ลิงก์ยืนยันนี้หมดอายุ ถูกใช้ไปแล้ว หรือไม่ถูกต้อง/);
        assert.equal(seen.length, 1, 'emitted once');
        const b = browser(ctx.app);
        await b.login('somying@example.org', registration.password);
        assert.match((await b.agent.get('/account')).text, /ยืนยันอีเมลแล้ว/);
      } finally {
        off();
      }
    });

    it('shows a clear page for an expired, unknown or malformed link, pointing to a password reset (which verifies too)', async () => {
      const user = await makeUser({ verified: false, language: 'en' });
      await sendVerificationEmail(user.id, 'http://localhost:3999');
      const b = browser(ctx.app);
      const link = await mailedPath(user.email, 'emailVerification', VERIFY_LINK);
      await EmailVerification.updateMany({ userId: user.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      const expired = await b.agent.get(link);
      assert.equal(expired.status, 410);
      assert.match(expired.text, /ลิงก์ยืนยันนี้หมดอายุ ถูกใช้ไปแล้ว หรือไม่ถูกต้อง/);
      assert.match(expired.text, /ให้ใช้ “ลืมรหัสผ่าน\?” เพื่อตั้งรหัสผ่านใหม่/);
      assert.match(expired.text, /href="\/forgot-password"/);
      assert.equal((await User.findById(user.id))?.emailVerifiedAt, null);
      // The way out it names: a reset by email verifies the address, and then the login works.
      await b.submit('/forgot-password', '/forgot-password', { email: user.email });
      const reset = await mailedPath(user.email, 'passwordReset', /\/reset-password\/[A-Za-z0-9_-]+/);
      assert.equal(
        (await b.submit(reset, reset, { password: 'a-new-password-1', passwordConfirm: 'a-new-password-1' })).status,
        302,
      );
      await b.login(user.email, 'a-new-password-1');
      assert.match((await b.agent.get('/account')).text, /Email address verified/);
      for (const path of [
        '/verify-email/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        '/verify-email/short',
        `/verify-email/${'%24'.repeat(30)}`,
      ]) {
        const res = await request(ctx.app).get(path);
        assert.equal(res.status, 410, path);
        assert.match(res.text, /ลิงก์ยืนยันนี้หมดอายุ/);
      }
    });

    it('resends the link on request to a session opened before logins needed a verified address, and sends nothing to an address already verified', async () => {
      // An account from before verification existed, still logged in from before this rule.
      const user = await makeUser();
      const b = browser(ctx.app);
      await b.login(user.email, PASSWORD);
      await User.collection.updateOne(
        { _id: new User.base.Types.ObjectId(user.id) },
        { $unset: { emailVerifiedAt: '' } },
      );
      assert.match((await b.agent.get('/account')).text, /ท่านยังไม่ได้ยืนยันอีเมล/);
      const res = await b.submit('/account', '/account/verification', {});
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, '/account');
      assert.match((await b.agent.get('/account')).text, /ส่งลิงก์ยืนยันใหม่ไปที่/);
      assert.equal(await MailMessage.countDocuments({ to: user.email, template: 'emailVerification' }), 1);
      const done = await b.agent.get(await mailedPath(user.email, 'emailVerification', VERIFY_LINK));
      assert.equal(done.status, 200);
      await b.submit('/account', '/account/verification', {});
      assert.match((await b.agent.get('/account')).text, /อีเมลของท่านได้รับการยืนยันแล้ว/);
      assert.equal(
        await MailMessage.countDocuments({ to: user.email, template: 'emailVerification' }),
        1,
        'no second link',
      );
      assert.equal(
        (await request(ctx.app).post('/account/verification').type('form').send({})).status,
        403,
        'no CSRF token, no session',
      );
    });

    it('answers a registration with an existing address exactly like a new one, emails the owner, and makes no second account', async () => {
      const owner = await makeUser({ email: 'owner-here@example.org', language: 'en' });
      const before = await User.countDocuments();
      const normalise = (html: string, email: string) =>
        html.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, 'EMAIL');

      const fresh = await browser(ctx.app).submit('/register', '/register', {
        ...registration,
        email: 'brand-new@example.org',
      });
      const taken = browser(ctx.app);
      const existing = await taken.submit('/register', '/register', {
        ...registration,
        email: 'OWNER-here@example.org',
        password: 'attacker-password',
        passwordConfirm: 'attacker-password',
      });
      assert.equal(existing.status, fresh.status);
      assert.equal(normalise(existing.text, 'owner-here@example.org'), normalise(fresh.text, 'brand-new@example.org'));
      assert.deepEqual(Object.keys(existing.headers).sort(), Object.keys(fresh.headers).sort());
      assert.equal((await taken.agent.get('/account')).status, 302, 'not logged in as the owner');

      assert.equal(await User.countDocuments(), before + 1, 'only the new address got an account');
      assert.equal(await User.countDocuments({ email: 'owner-here@example.org' }), 1);
      const notice = await MailMessage.findOne({
        to: 'owner-here@example.org',
        template: 'registrationAttempt',
      }).lean();
      assert.ok(notice, 'the owner is told');
      assert.match(notice.subject, /Someone tried to register with your email address/, 'in the owner’s language');
      assert.match(notice.text, /http:\/\/localhost:3999\/login/);
      assert.match(notice.text, /http:\/\/localhost:3999\/forgot-password/);
      assert.equal(
        await MailMessage.countDocuments({ to: 'owner-here@example.org', template: 'emailVerification' }),
        0,
      );
      await browser(ctx.app).login(owner.email, PASSWORD);
      assert.equal(await authenticate(owner.email, 'attacker-password'), null, 'the password was not changed');

      // A second try within the hour does not email the owner again (no mail bombing through the form).
      const third = await browser(ctx.app).submit('/register', '/register', {
        ...registration,
        email: 'owner-here@example.org',
      });
      assert.equal(third.status, 200);
      assert.equal(
        await MailMessage.countDocuments({ to: 'owner-here@example.org', template: 'registrationAttempt' }),
        1,
      );
    });

    it('takes about as long for an existing address as for a new one', async function () {
      this.timeout(30_000);
      const owner = await makeUser();
      const time = async (email: string) => {
        const b = browser(ctx.app);
        const page = await b.agent.get('/register');
        const started = performance.now();
        const res = await b.agent
          .post('/register')
          .type('form')
          .send({ ...registration, email, _csrf: csrfFrom(page.text) });
        assert.equal(res.status, 200);
        return performance.now() - started;
      };
      const fresh: number[] = [];
      const known: number[] = [];
      for (let i = 0; i < 6; i++) {
        fresh.push(await time(`timing-${i}-${Date.now()}@example.org`));
        known.push(await time(owner.email));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      const [f, k] = [median(fresh), median(known)];
      // Both hash a password (tens of ms); without that the known address answered several times faster.
      assert.ok(k > f * 0.5 && k < f * 2, `new ${f.toFixed(1)} ms, existing ${k.toFixed(1)} ms`);
    });

    it('re-renders the form with a message beside each bad field and keeps the typed values', async () => {
      const before = await User.countDocuments();
      const res = await browser(ctx.app).submit('/register', '/register', {
        name: '',
        email: 'not-an-email',
        password: 'short',
        passwordConfirm: 'other',
        preferredLanguage: 'fr',
      });
      assert.equal(res.status, 422);
      assert.match(res.text, /กรุณากรอกช่องนี้/);
      assert.match(res.text, /กรุณากรอกอีเมลให้ถูกต้อง/);
      assert.match(res.text, /รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร/);
      assert.match(res.text, /กรุณาเลือกจากตัวเลือกที่มี/);
      assert.match(res.text, /value="not-an-email"/);
      assert.doesNotMatch(res.text, /value="short"/, 'never echoes a password');
      assert.equal(await User.countDocuments(), before);
    });

    it('answers JSON clients with a 4xx JSON error', async () => {
      const b = browser(ctx.app);
      const page = await b.agent.get('/register');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const res = await b.agent.post('/register').set('Accept', 'application/json').send({ _csrf: token, email: 'x' });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, 'validation_failed');
      assert.ok(res.body.error.fields.email);
      assert.ok(res.body.error.fields.name);
    });
  });

  describe('login and logout', () => {
    it('logs in with the right password and out again', async () => {
      const user = await makeUser();
      const b = browser(ctx.app);
      const res = await b.submit('/login', '/login', { email: user.email.toUpperCase(), password: PASSWORD });
      assert.equal(res.status, 302);
      assert.equal((await b.agent.get('/account')).status, 200);
      const page = await b.agent.get('/account');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const out = await b.agent.post('/logout').type('form').send({ _csrf: token });
      assert.equal(out.status, 302);
      const after = await b.agent.get('/account');
      assert.equal(after.status, 302);
      assert.match(after.headers.location ?? '', /^\/login\?next=/);
    });

    it('refuses a wrong password or unknown email with the same message', async () => {
      const user = await makeUser();
      const wrong = await browser(ctx.app).submit('/login', '/login', {
        email: user.email,
        password: 'wrong-password',
      });
      const unknown = await browser(ctx.app).submit('/login', '/login', {
        email: 'nobody@example.org',
        password: 'wrong-password',
      });
      for (const res of [wrong, unknown]) {
        assert.equal(res.status, 422);
        assert.match(res.text, /อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
      }
    });

    it('returns to the page that asked for login, and never to another site', async () => {
      const user = await makeUser();
      const b = browser(ctx.app);
      const here = await b.submit('/login?next=%2Faccount%3Fx%3D1', '/login', {
        email: user.email,
        password: PASSWORD,
        next: '/account?x=1',
      });
      assert.equal(here.headers.location, '/account?x=1');
      const evil = await browser(ctx.app).submit('/login', '/login', {
        email: user.email,
        password: PASSWORD,
        next: '//evil.example',
      });
      assert.equal(evil.headers.location, '/', 'dropped: a donor with no gifts yet lands on the giving menu');
    });

    it('limits login attempts per address and email with a localized 429', async () => {
      const user = await makeUser();
      const b = browser(ctx.app);
      for (let i = 0; i < 10; i++) {
        const res = await b.submit('/login', '/login', { email: user.email, password: `wrong-${i}` });
        assert.equal(res.status, 422);
      }
      const blocked = await b.submit('/login', '/login', { email: user.email, password: PASSWORD });
      assert.equal(blocked.status, 429);
      assert.match(blocked.text, /พยายามเข้าสู่ระบบหลายครั้งเกินไป/);
      assert.equal((await b.agent.get('/account')).status, 302, 'still logged out');
    });
  });

  describe('profile', () => {
    it('edits the name and language; the language follows', async () => {
      const user = await makeUser();
      const b = browser(ctx.app);
      await b.login(user.email, PASSWORD);
      const res = await b.submit('/account', '/account', { name: 'Somchai Jaidee', preferredLanguage: 'en' });
      assert.equal(res.status, 302);
      const saved = await User.findById(user.id);
      assert.equal(saved?.name, 'Somchai Jaidee');
      assert.equal(saved?.preferredLanguage, 'en');
      const page = await b.agent.get('/account');
      assert.match(page.text, /My account/);
      assert.match(page.text, /Your profile was saved/);
    });

    it('shows field messages and changes nothing on a bad profile', async () => {
      const user = await makeUser();
      const b = browser(ctx.app);
      await b.login(user.email, PASSWORD);
      const res = await b.submit('/account', '/account', { name: 'x'.repeat(500), preferredLanguage: 'th' });
      assert.equal(res.status, 422);
      assert.match(res.text, /ยาวเกินไป/);
      assert.equal((await User.findById(user.id))?.name, user.name);
    });

    it('changes the password, needs the current one, and logs out other devices', async () => {
      const user = await makeUser();
      const laptop = browser(ctx.app);
      const phone = browser(ctx.app);
      await laptop.login(user.email, PASSWORD);
      await phone.login(user.email, PASSWORD);

      const wrong = await laptop.submit('/account', '/account/password', {
        currentPassword: 'not-it',
        newPassword: 'brand-new-password',
        newPasswordConfirm: 'brand-new-password',
      });
      assert.equal(wrong.status, 422);
      assert.match(wrong.text, /รหัสผ่านปัจจุบันไม่ถูกต้อง/);

      const ok = await laptop.submit('/account', '/account/password', {
        currentPassword: PASSWORD,
        newPassword: 'brand-new-password',
        newPasswordConfirm: 'brand-new-password',
      });
      assert.equal(ok.status, 302);
      assert.equal((await laptop.agent.get('/account')).status, 200, 'this device stays logged in');
      assert.equal((await phone.agent.get('/account')).status, 302, 'the other device is logged out');
      await browser(ctx.app).login(user.email, 'brand-new-password');
    });

    it('sends anonymous visitors to the login page', async () => {
      const res = await request(ctx.app).get('/account');
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, '/login?next=%2Faccount');
    });
  });

  describe('password reset', () => {
    it('emails a single-use link that sets a new password', async () => {
      const user = await makeUser({ language: 'en' });
      const res = await browser(ctx.app).submit('/forgot-password', '/forgot-password', { email: user.email });
      assert.equal(res.status, 200);
      assert.match(res.text, /เราได้ส่งลิงก์ตั้งรหัสผ่านใหม่ไปแล้ว/);
      const mail = await MailMessage.findOne({ to: user.email, template: 'passwordReset' });
      assert.match(mail?.subject ?? '', /Set a new password/, 'in the person’s own language');

      const link = await resetLinkFor(user.email);
      const b = browser(ctx.app);
      assert.equal((await b.agent.get(link)).status, 200);
      const done = await b.submit(link, link, { password: 'reset-password-1', passwordConfirm: 'reset-password-1' });
      assert.equal(done.status, 302);
      assert.equal(done.headers.location, '/login');
      await browser(ctx.app).login(user.email, 'reset-password-1');

      const again = browser(ctx.app);
      const reused = await again.agent.get(link);
      assert.equal(reused.status, 410);
      assert.match(reused.text, /ลิงก์นี้หมดอายุหรือถูกใช้ไปแล้ว/);
      const page = await again.agent.get('/forgot-password');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const second = await again.agent
        .post(link)
        .type('form')
        .send({ _csrf: token, password: 'reset-password-2', passwordConfirm: 'reset-password-2' });
      assert.equal(second.status, 422);
      await browser(ctx.app).login(user.email, 'reset-password-1');
    });

    it('refuses an expired link', async () => {
      const user = await makeUser();
      await browser(ctx.app).submit('/forgot-password', '/forgot-password', { email: user.email });
      const link = await resetLinkFor(user.email);
      await PasswordReset.updateMany({ userId: user.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      const b = browser(ctx.app);
      assert.equal((await b.agent.get(link)).status, 410);
      const page = await b.agent.get('/forgot-password');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const res = await b.agent
        .post(link)
        .type('form')
        .send({ _csrf: token, password: 'late-password', passwordConfirm: 'late-password' });
      assert.equal(res.status, 422);
      assert.match(res.text, /ลิงก์นี้หมดอายุหรือถูกใช้ไปแล้ว/);
      await browser(ctx.app).login(user.email, PASSWORD);
    });

    it('does not reveal whether an email has an account', async () => {
      const before = await MailMessage.countDocuments();
      const res = await browser(ctx.app).submit('/forgot-password', '/forgot-password', {
        email: 'nobody-here@example.org',
      });
      assert.equal(res.status, 200);
      assert.match(res.text, /เราได้ส่งลิงก์ตั้งรหัสผ่านใหม่ไปแล้ว/);
      assert.equal(await MailMessage.countDocuments(), before);
    });

    it('refuses a made-up token', async () => {
      const res = await request(ctx.app).get('/reset-password/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
      assert.equal(res.status, 410);
    });
  });
});
