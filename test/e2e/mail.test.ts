import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { browser } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { configureMail, deliverMail, queueMail, MAX_DELIVERY_ATTEMPTS } from '../../src/shared/mail/mailer.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { currentQueue } from '../../src/shared/queue.js';
import { findFreePort } from '../../src/shared/db/embedded-ferretdb.js';
import { events } from '../../src/shared/events.js';
import { makeOrg } from '../helpers/grants.js';
import { inviteMember } from '../../src/modules/directory/invitation.service.js';
import { captureLogs } from '../helpers/logs.js';

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('email', () => {
  const ctx = useTestApp();
  afterEach(() => configureMail({ smtpUrl: undefined, from: ctx.config.mailFrom }));

  it('delivers queued mail in an agenda job into the outbox when no SMTP is set', async () => {
    await currentQueue().start();
    const mailId = await queueMail({
      to: 'reader@example.org',
      locale: 'en',
      template: 'welcome',
      params: { name: 'Reader', url: 'http://x/' },
    });
    const mail = await waitFor(
      () => MailMessage.findById(mailId),
      (m) => m?.status === 'sent',
    );
    assert.equal(mail?.status, 'sent');
    assert.equal(mail?.transport, 'outbox');
    assert.equal(mail?.attempts, 1);
    assert.match(mail?.subject ?? '', /Welcome to the Songkhla Community Foundation/);
    await currentQueue().stop();
  });

  it('shows the outbox to staff, newest first, with each message readable', async () => {
    const staff = await makeUser({ roles: ['staff'] });
    const id = await queueMail({
      to: 'someone@example.org',
      locale: 'th',
      template: 'welcome',
      params: { name: 'ก', url: 'http://x/r' },
    });
    const b = browser(ctx.app);
    await b.login(staff.email, PASSWORD);
    const list = await b.agent.get('/admin/outbox');
    assert.equal(list.status, 200);
    assert.match(list.text, /someone@example\.org/);
    assert.match(list.text, /ยินดีต้อนรับสู่มูลนิธิชุมชนสงขลา/);
    const one = await b.agent.get(`/admin/outbox/${id}`);
    assert.equal(one.status, 200);
    assert.match(one.text, /http:\/\/x\/r/);
    assert.equal((await b.agent.get('/admin/outbox/000000000000000000000000')).status, 404);
  });

  it('records SMTP failures, lets agenda retry, and gives up after the last attempt', async () => {
    const closedPort = await findFreePort();
    configureMail({ smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: 'test@example.org' });
    const mailId = await queueMail({
      to: 'retry@example.org',
      locale: 'th',
      template: 'welcome',
      params: { name: 'x', url: 'y' },
    });
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      await assert.rejects(() => deliverMail(mailId));
      const mail = await MailMessage.findById(mailId);
      assert.equal(mail?.attempts, attempt);
      assert.match(mail?.lastError ?? '', /ECONNREFUSED|connect/);
      assert.equal(mail?.status, attempt < MAX_DELIVERY_ATTEMPTS ? 'queued' : 'failed');
    }
  });

  it('never sends a delivered message twice', async () => {
    const mailId = await queueMail({
      to: 'once@example.org',
      locale: 'th',
      template: 'welcome',
      params: { name: 'x', url: 'y' },
    });
    await deliverMail(mailId);
    await deliverMail(mailId);
    assert.equal((await MailMessage.findById(mailId))?.attempts, 1);
  });

  describe('one-time secrets', () => {
    it('keeps a reset link out of the outbox and the log, and the recipient can still use it', async () => {
      const logs = captureLogs('info');
      try {
        const admin = await makeUser({ roles: ['admin'] });
        const staff = await makeUser({ roles: ['staff'] });
        const asked = await browser(ctx.app).submit('/forgot-password', '/forgot-password', { email: admin.email });
        assert.equal(asked.status, 200);
        const mail = await MailMessage.findOne({ to: admin.email, template: 'passwordReset' });
        assert.ok(mail);
        const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.deliveryText ?? '')?.[1] as string;
        assert.ok(token, 'the delivered text carries the link');
        assert.ok(!mail.text.includes(token), 'the stored outbox text does not');
        await deliverMail(mail._id.toString());

        // Staff read the outbox: the message is there, the link is not.
        const b = browser(ctx.app);
        await b.login(staff.email, PASSWORD);
        const list = await b.agent.get('/admin/outbox');
        assert.equal(list.status, 200);
        assert.match(list.text, new RegExp(admin.email.replace(/[.]/g, '\\.')));
        const one = await b.agent.get(`/admin/outbox/${mail._id.toString()}`);
        assert.equal(one.status, 200);
        assert.match(one.text, /ลิงก์ถูกซ่อน/);
        for (const page of [list.text, one.text]) {
          assert.ok(!page.includes(token), 'no token on an outbox page');
          assert.doesNotMatch(page, /reset-password\//);
        }

        // The recipient's own link still works.
        const link = `/reset-password/${token}`;
        const owner = browser(ctx.app);
        const done = await owner.submit(link, link, {
          password: 'a-new-admin-password',
          passwordConfirm: 'a-new-admin-password',
        });
        assert.equal(done.status, 302);
        await browser(ctx.app).login(admin.email, 'a-new-admin-password');

        const logged = logs.text();
        assert.match(logged, /mail kept in the outbox/);
        assert.match(
          logged,
          /"url":"\/reset-password\/\[hidden\]"/,
          'the request log shows the path without its token',
        );
        assert.ok(!logged.includes(token), 'no token in the log');
      } finally {
        logs.restore();
      }
    });

    it('hides invitation and receipt links too, and refuses a secret that would show through', async () => {
      const owner = await makeUser();
      const orgId = await makeOrg(owner);
      await inviteMember(owner, orgId, 'invited@example.org', 'http://localhost:3999', 'en');
      const invitation = await MailMessage.findOne({ template: 'orgInvitation', to: 'invited@example.org' });
      assert.match(invitation?.deliveryText ?? '', /\/invitations\/[\w-]{20,}/);
      assert.doesNotMatch(invitation?.text ?? '', /\/invitations\//);
      assert.match(invitation?.text ?? '', /\[link hidden\]/);

      await events.emit('donation.confirmed', {
        donationId: '0123456789abcdef01234567',
        fundId: '0123456789abcdef01234567',
        amountSatang: 100_00,
        receiptNumber: '2569-009999',
        online: false,
        donor: { name: 'ก', email: 'receipt-secret@example.org', locale: 'th' },
      });
      const receipt = await MailMessage.findOne({ template: 'donationReceipt', to: 'receipt-secret@example.org' });
      assert.match(receipt?.deliveryText ?? '', /\/receipts\/[a-f0-9]{24}\?token=/);
      assert.doesNotMatch(receipt?.text ?? '', /token=/);

      await assert.rejects(
        () =>
          queueMail({
            to: 'x@example.org',
            locale: 'th',
            template: 'welcome',
            params: { name: 'http://s/1', url: 'http://s/1' },
            secretParams: ['url'],
          }),
        /shows through/,
      );
    });

    it('hides every link of a message stored before secrets were masked', async () => {
      const staff = await makeUser({ roles: ['staff'] });
      const old = await MailMessage.create({
        to: 'old@example.org',
        subject: 's',
        text: 'Reset: http://localhost:3999/reset-password/abcdefghijklmnopqrstuvwxyz',
        template: 'passwordReset',
      });
      const b = browser(ctx.app);
      await b.login(staff.email, PASSWORD);
      const page = await b.agent.get(`/admin/outbox/${old._id.toString()}`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /abcdefghijklmnopqrstuvwxyz/);
    });

    it('logs the link only for a developer without SMTP (NODE_ENV=development)', async () => {
      const logs = captureLogs('info');
      try {
        const secretUrl = 'http://localhost:3999/reset-password/dev-only-secret-token-123456';
        const hidden = await queueMail({
          to: 'a@example.org',
          locale: 'th',
          template: 'passwordReset',
          params: { name: 'ก', url: secretUrl, minutes: 60 },
          secretParams: ['url'],
        });
        await deliverMail(hidden);
        assert.ok(!logs.text().includes(secretUrl));
        configureMail({ smtpUrl: undefined, from: ctx.config.mailFrom, revealSecretsInLog: true });
        const shown = await queueMail({
          to: 'b@example.org',
          locale: 'th',
          template: 'passwordReset',
          params: { name: 'ก', url: secretUrl, minutes: 60 },
          secretParams: ['url'],
        });
        await deliverMail(shown);
        assert.ok(logs.text().includes(secretUrl));
      } finally {
        logs.restore();
      }
    });
  });
});
