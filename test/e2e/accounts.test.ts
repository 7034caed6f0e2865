import assert from 'node:assert/strict';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { browser } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { PasswordReset } from '../../src/modules/accounts/password-reset.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';

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
    it('registers, logs the person in as a donor and queues a welcome email', async () => {
      const b = browser(ctx.app);
      const res = await b.submit('/register', '/register', registration);
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, '/account');
      const account = await b.agent.get('/account');
      assert.equal(account.status, 200);
      assert.match(account.text, /somying@example\.org/);
      assert.match(account.text, /สมัครสมาชิกเรียบร้อยแล้ว/);
      const user = await User.findOne({ email: 'somying@example.org' });
      assert.deepEqual(user?.roles, ['donor']);
      assert.notEqual(user?.passwordHash, registration.password);
      assert.equal(await MailMessage.countDocuments({ to: 'somying@example.org', template: 'welcome' }), 1);
    });

    it('refuses a second account with the same email (any case), with a clear message', async () => {
      const res = await browser(ctx.app).submit('/register', '/register', { ...registration, email: 'SOMYING@example.org' });
      assert.equal(res.status, 409);
      assert.match(res.text, /อีเมลนี้มีบัญชีอยู่แล้ว/);
      assert.match(res.text, /value="สมหญิง รักถิ่น"/, 'keeps what was typed');
      assert.equal(await User.countDocuments({ email: 'somying@example.org' }), 1);
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
      const wrong = await browser(ctx.app).submit('/login', '/login', { email: user.email, password: 'wrong-password' });
      const unknown = await browser(ctx.app).submit('/login', '/login', { email: 'nobody@example.org', password: 'wrong-password' });
      for (const res of [wrong, unknown]) {
        assert.equal(res.status, 422);
        assert.match(res.text, /อีเมลหรือรหัสผ่านไม่ถูกต้อง/);
      }
    });

    it('returns to the page that asked for login, and never to another site', async () => {
      const user = await makeUser();
      const b = browser(ctx.app);
      const here = await b.submit('/login?next=%2Faccount%3Fx%3D1', '/login', { email: user.email, password: PASSWORD, next: '/account?x=1' });
      assert.equal(here.headers.location, '/account?x=1');
      const evil = await browser(ctx.app).submit('/login', '/login', { email: user.email, password: PASSWORD, next: '//evil.example' });
      assert.equal(evil.headers.location, '/account');
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
      const second = await again.agent.post(link).type('form').send({ _csrf: token, password: 'reset-password-2', passwordConfirm: 'reset-password-2' });
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
      const res = await b.agent.post(link).type('form').send({ _csrf: token, password: 'late-password', passwordConfirm: 'late-password' });
      assert.equal(res.status, 422);
      assert.match(res.text, /ลิงก์นี้หมดอายุหรือถูกใช้ไปแล้ว/);
      await browser(ctx.app).login(user.email, PASSWORD);
    });

    it('does not reveal whether an email has an account', async () => {
      const before = await MailMessage.countDocuments();
      const res = await browser(ctx.app).submit('/forgot-password', '/forgot-password', { email: 'nobody-here@example.org' });
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
