import assert from 'node:assert/strict';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { getUser, listUsers, setRoles, updateProfile } from '../../src/modules/accounts/user.service.js';
import { listMail } from '../../src/shared/mail/mailer.js';
import { ForbiddenError, UnauthorizedError } from '../../src/shared/errors.js';

describe('security', () => {
  const ctx = useTestApp();

  describe('CSRF', () => {
    it('refuses a form without a token with a 403 page and changes nothing', async () => {
      const before = await User.countDocuments();
      const res = await request(ctx.app).post('/register').type('form').send({
        name: 'x',
        email: 'csrf@example.org',
        password: 'long-enough-1',
        passwordConfirm: 'long-enough-1',
        preferredLanguage: 'th',
      });
      assert.equal(res.status, 403);
      assert.match(res.text, /แบบฟอร์มนี้หมดอายุ/);
      assert.equal(await User.countDocuments(), before);
    });

    it('refuses a wrong token, and a token from another session', async () => {
      const user = await makeUser();
      const a = browser(ctx.app);
      await a.login(user.email, PASSWORD);
      const other = browser(ctx.app);
      const foreignToken = csrfFrom((await other.agent.get('/login')).text);
      for (const token of ['wrong', foreignToken]) {
        const res = await a.agent
          .post('/account')
          .type('form')
          .send({ _csrf: token, name: 'Hacked', preferredLanguage: 'en' });
        assert.equal(res.status, 403);
      }
      assert.equal((await User.findById(user.id))?.name, user.name);
    });

    it('refuses logout without a token (no logout by a link on another site)', async () => {
      const user = await makeUser();
      const a = browser(ctx.app);
      await a.login(user.email, PASSWORD);
      assert.equal((await a.agent.post('/logout')).status, 403);
      assert.equal((await a.agent.get('/account')).status, 200);
    });
  });

  describe('NoSQL injection', () => {
    it('refuses operator keys in forms before they reach the database', async () => {
      await makeUser({ email: 'victim@example.org' });
      const b = browser(ctx.app);
      const token = csrfFrom((await b.agent.get('/login')).text);
      const res = await b.agent.post('/login').type('form').send(`_csrf=${token}&email[$ne]=x&password[$ne]=x`);
      assert.equal(res.status, 400);
      assert.match(res.text, /ชื่อช่องข้อมูลที่ไม่อนุญาต/);
      assert.equal((await b.agent.get('/account')).status, 302, 'not logged in');
    });

    it('refuses operator keys in JSON bodies and query strings', async () => {
      const b = browser(ctx.app);
      const token = csrfFrom((await b.agent.get('/login')).text);
      const json = await b.agent
        .post('/login')
        .set('Accept', 'application/json')
        .send({ _csrf: token, email: { $gt: '' }, password: { $gt: '' } });
      assert.equal(json.status, 400);
      assert.equal(json.body.error.code, 'bad_request');
      const dotted = await b.agent
        .post('/login')
        .set('Accept', 'application/json')
        .send({ _csrf: token, 'email.x': 'a' });
      assert.equal(dotted.status, 400);
      const query = await request(ctx.app).get('/api/v1/funds?slug[$ne]=x');
      assert.equal(query.status, 400);
    });

    it('treats objects where text belongs as invalid input, not a crash', async () => {
      const b = browser(ctx.app);
      const token = csrfFrom((await b.agent.get('/login')).text);
      const res = await b.agent.post('/login').type('form').send(`_csrf=${token}&email[a]=x&password[b]=y`);
      assert.equal(res.status, 422);
    });

    it('answers broken and oversized JSON with a 4xx JSON error', async () => {
      const broken = await request(ctx.app).post('/login').set('Content-Type', 'application/json').send('{"email": ');
      assert.equal(broken.status, 400);
      assert.equal(broken.body.error.code, 'bad_request');
      assert.doesNotMatch(broken.text, /at .*\.js/);
      const huge = await request(ctx.app)
        .post('/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: 'x'.repeat(200_000) }));
      assert.equal(huge.status, 413);
    });
  });

  describe('roles and ownership', () => {
    it('keeps anonymous visitors and donors out of admin pages', async () => {
      assert.equal((await request(ctx.app).get('/admin')).status, 302);
      const donor = await makeUser();
      const b = browser(ctx.app);
      await b.login(donor.email, PASSWORD);
      for (const path of ['/admin', '/admin/users', '/admin/outbox']) {
        const res = await b.agent.get(path);
        assert.equal(res.status, 403, path);
        assert.match(res.text, /ท่านไม่มีสิทธิ์ทำรายการนี้/);
      }
    });

    it('lets staff read the outbox but not manage people', async () => {
      const staff = await makeUser({ roles: ['staff'] });
      const b = browser(ctx.app);
      await b.login(staff.email, PASSWORD);
      assert.equal((await b.agent.get('/admin')).status, 200);
      assert.equal((await b.agent.get('/admin/outbox')).status, 200);
      assert.equal((await b.agent.get('/admin/users')).status, 403);
      const target = await makeUser();
      const token = csrfFrom((await b.agent.get('/admin')).text);
      const res = await b.agent
        .post(`/admin/users/${target.id}/roles`)
        .type('form')
        .send({ _csrf: token, roles: ['admin'] });
      assert.equal(res.status, 403);
      assert.deepEqual((await User.findById(target.id))?.roles, ['donor']);
    });

    it('lets an admin search people, page through them and grant and remove roles', async () => {
      const admin = await makeUser({ roles: ['admin'], name: 'Admin Person' });
      for (let i = 0; i < 22; i++) await makeUser({ name: `ชาวบ้าน ${String(i).padStart(2, '0')}` });
      const b = browser(ctx.app);
      await b.login(admin.email, PASSWORD);
      const first = await b.agent.get('/admin/users?q=ชาวบ้าน');
      assert.equal(first.status, 200);
      assert.match(first.text, /พบ 22 คน/);
      assert.match(first.text, /หน้า 1 จาก 2/);
      const second = await b.agent.get('/admin/users?q=ชาวบ้าน&page=2');
      assert.equal((second.text.match(/ชาวบ้าน \d\d/g) ?? []).length, 2);
      const regexAttack = await b.agent.get('/admin/users?q=(.*');
      assert.equal(regexAttack.status, 200);
      assert.match(regexAttack.text, /ไม่พบผู้ใช้ที่ตรงกับการค้นหา/);

      const target = await makeUser();
      const page = await b.agent.get(`/admin/users/${target.id}`);
      const res = await b.agent
        .post(`/admin/users/${target.id}/roles`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), roles: ['reviewer', 'staff'] });
      assert.equal(res.status, 302);
      assert.deepEqual((await User.findById(target.id))?.roles, ['donor', 'reviewer', 'staff']);
      const bogus = await b.agent
        .post(`/admin/users/${target.id}/roles`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), roles: ['root'] });
      assert.equal(bogus.status, 422);
      const cleared = await b.agent
        .post(`/admin/users/${target.id}/roles`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
      assert.equal(cleared.status, 302);
      assert.deepEqual((await User.findById(target.id))?.roles, ['donor']);
      assert.equal((await b.agent.get('/admin/users/not-an-id')).status, 404);
    });

    it('checks roles and ownership in the services too, not only in routes', async () => {
      const donor = await makeUser();
      const other = await makeUser();
      const admin = await makeUser({ roles: ['admin'] });
      await assert.rejects(() => getUser(donor, other.id), ForbiddenError);
      await assert.rejects(
        () => updateProfile(donor, other.id, { name: 'x', preferredLanguage: 'th' }),
        ForbiddenError,
      );
      await assert.rejects(() => setRoles(donor, donor.id, ['admin']), ForbiddenError);
      await assert.rejects(() => listUsers(donor, { page: 1 }), ForbiddenError);
      await assert.rejects(() => listUsers(undefined, { page: 1 }), UnauthorizedError);
      await assert.rejects(() => listMail(donor, { page: 1 }), ForbiddenError);
      await assert.rejects(
        () => setRoles(admin, admin.id, ['staff']),
        ForbiddenError,
        'an admin cannot drop their own admin role',
      );
      assert.equal((await getUser(admin, other.id)).id, other.id);
      assert.deepEqual((await User.findById(donor.id))?.roles, ['donor']);
    });
  });

  describe('headers', () => {
    it('sends security headers and a strict content security policy', async () => {
      const res = await request(ctx.app).get('/');
      assert.match(res.headers['content-security-policy'] ?? '', /default-src 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-powered-by'], undefined);
    });

    it('marks the session cookie httpOnly and SameSite=Lax', async () => {
      const res = await request(ctx.app).get('/login');
      const cookie = (res.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) =>
        c.startsWith('cf.sid='),
      );
      assert.ok(cookie);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
    });
  });
});
