import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { browser } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { configureMail, deliverMail, queueMail, MAX_DELIVERY_ATTEMPTS } from '../../src/shared/mail/mailer.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { currentQueue } from '../../src/shared/queue.js';
import { findFreePort } from '../../src/shared/db/embedded-ferretdb.js';

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
    const mailId = await queueMail({ to: 'reader@example.org', locale: 'en', template: 'welcome', params: { name: 'Reader', url: 'http://x/' } });
    const mail = await waitFor(() => MailMessage.findById(mailId), (m) => m?.status === 'sent');
    assert.equal(mail?.status, 'sent');
    assert.equal(mail?.transport, 'outbox');
    assert.equal(mail?.attempts, 1);
    assert.match(mail?.subject ?? '', /Welcome to the Songkhla Community Foundation/);
    await currentQueue().stop();
  });

  it('shows the outbox to staff, newest first, with each message readable', async () => {
    const staff = await makeUser({ roles: ['staff'] });
    const id = await queueMail({ to: 'someone@example.org', locale: 'th', template: 'passwordReset', params: { name: 'ก', url: 'http://x/r', minutes: 60 } });
    const b = browser(ctx.app);
    await b.login(staff.email, PASSWORD);
    const list = await b.agent.get('/admin/outbox');
    assert.equal(list.status, 200);
    assert.match(list.text, /someone@example\.org/);
    assert.match(list.text, /ตั้งรหัสผ่านใหม่ — มูลนิธิชุมชนสงขลา/);
    const one = await b.agent.get(`/admin/outbox/${id}`);
    assert.equal(one.status, 200);
    assert.match(one.text, /http:\/\/x\/r/);
    assert.equal((await b.agent.get('/admin/outbox/000000000000000000000000')).status, 404);
  });

  it('records SMTP failures, lets agenda retry, and gives up after the last attempt', async () => {
    const closedPort = await findFreePort();
    configureMail({ smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: 'test@example.org' });
    const mailId = await queueMail({ to: 'retry@example.org', locale: 'th', template: 'welcome', params: { name: 'x', url: 'y' } });
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      await assert.rejects(() => deliverMail(mailId));
      const mail = await MailMessage.findById(mailId);
      assert.equal(mail?.attempts, attempt);
      assert.match(mail?.lastError ?? '', /ECONNREFUSED|connect/);
      assert.equal(mail?.status, attempt < MAX_DELIVERY_ATTEMPTS ? 'queued' : 'failed');
    }
  });

  it('never sends a delivered message twice', async () => {
    const mailId = await queueMail({ to: 'once@example.org', locale: 'th', template: 'welcome', params: { name: 'x', url: 'y' } });
    await deliverMail(mailId);
    await deliverMail(mailId);
    assert.equal((await MailMessage.findById(mailId))?.attempts, 1);
  });
});
