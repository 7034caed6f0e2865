import assert from 'node:assert/strict';
import PDFDocument from 'pdfkit';
import mongoose from 'mongoose';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, fundMoney, makeAward, makeOrganisation, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { changedCollections, collectionStates } from '../helpers/db-state.js';
import { makeCall, proposal } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { translate } from '../../src/shared/i18n/index.js';
import { FORM_LIMITS } from '../../src/shared/http/body-parsers.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { awardOfApplication } from '../../src/modules/grants/award.service.js';
import { payTranche } from '../../src/modules/grants/tranche.service.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { Award } from '../../src/modules/grants/award.model.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

/**
 * Body parsers and uploads under hostile input: huge array indices are refused before any array
 * is built (multipart and urlencoded), uploads are authorised before their body is read and are
 * streamed into GridFS (memory stays flat), and refused or over-size files leave no chunk behind.
 */
const MB = 1024 * 1024;
const PDF_HEAD = Buffer.from('%PDF-1.4\n');
/** Exactly 10 MB (the largest allowed file), made once and sent many times. */
const TEN_MB = Buffer.concat([PDF_HEAD, Buffer.alloc(10 * MB - PDF_HEAD.length, 0x20)]);
const OVER_LIMIT = Buffer.concat([TEN_MB, Buffer.from(' ')]);
const FIVE_MB = TEN_MB.subarray(0, 5 * MB);
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6c1d50000000049454e44ae426082',
  'hex',
);

function realPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.text('Budget plan 2027');
    doc.end();
  });
}

async function gridfsCounts(): Promise<{ files: number; chunks: number }> {
  const db = mongoose.connection.db;
  assert.ok(db);
  return {
    files: await db.collection('uploads.files').countDocuments(),
    chunks: await db.collection('uploads.chunks').countDocuments(),
  };
}

/** Milliseconds a request took, with its response. */
async function timed<T>(run: () => PromiseLike<T>): Promise<{ res: T; ms: number }> {
  const started = performance.now();
  const res = await run();
  return { res, ms: performance.now() - started };
}

describe('uploads and form bodies: bounded, authorised before reading, streamed', function () {
  this.timeout(120_000);
  const ctx = useTestApp();
  let staff: PublicUser;
  let member: PublicUser;
  let stranger: PublicUser;
  let callId: string;
  let draftId: string;
  let awardId: string;
  let reportId: string;

  const loggedIn = async (person: PublicUser) => {
    const b = browser(ctx.app);
    await b.login(person.email, PASSWORD);
    const csrf = csrfFrom((await b.agent.get('/')).text);
    // `token` for urlencoded bodies; multipart forms send `csrf` as their first field (never in the URL).
    return { ...b, csrf, token: encodeURIComponent(csrf) };
  };

  /** A draft of a new organisation of the member (one application per organisation and call). */
  const draftApplication = async (call = callId) => {
    const id = await startApplication(member, call, await makeOrganisation(member));
    await saveApplication(member, id, proposal(20_000_00));
    return id;
  };

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staff = await makeUser({ roles: ['staff'] });
    member = await makeUser({ roles: ['applicant'] });
    stranger = await makeUser({ roles: ['applicant'] });
    const reviewer = await makeUser({ roles: ['reviewer'] });
    await fundMoney(staff, 'elderly', 100_000_00);
    callId = await makeCall(staff);
    draftId = await draftApplication();

    // A grant with its first tranche paid: the progress report waits for the grantee.
    const grant = await makeAward(
      { staff, member, reviewer },
      {
        callId: await makeCall(staff, { committeeEmails: [reviewer.email] }),
        orgId: await makeOrganisation(member),
        amountSatang: 20_000_00,
        comment: 'อนุมัติ',
      },
    );
    awardId = grant.awardId;
    const granted = grant.applicationId;
    await payTranche(staff, awardId, 1, 'โอน 001');
    reportId = (await awardOfApplication(staff, granted))?.reports.find((r) => r.kind === 'progress')?.id as string;
    assert.ok(reportId);
  });

  describe('a huge array index is refused in milliseconds, in every body parser', () => {
    const refusedQuickly = async (send: () => PromiseLike<request.Response>) => {
      const before = await collectionStates();
      // /healthz asked just after the form went out, while it is parsed: it must not wait for the parser.
      const health = new Promise<{ res: request.Response; ms: number }>((resolve, reject) =>
        setTimeout(() => timed(() => request(ctx.app).get('/healthz')).then(resolve, reject), 30),
      );
      const post = await timed(send);
      const after = await collectionStates();
      assert.equal(post.res.status, 400, post.res.text.slice(0, 300));
      // The old parser took 7–27 s; the bound leaves room for the signed-in session's lookup on a loaded machine.
      assert.ok(post.ms < 2000, `answered after ${Math.round(post.ms)} ms`);
      assert.match(
        post.res.text,
        new RegExp(translate('th', 'errors.formTooLarge', { max: 1000 }).replace(/[()]/g, '\\$&')),
      );
      const healthz = await health;
      assert.equal(healthz.res.status, 200);
      assert.ok(healthz.ms < 1000, `/healthz took ${Math.round(healthz.ms)} ms`);
      assert.deepEqual(changedCollections(before, after), [], 'nothing stored');
    };

    it('multipart grant report with spending[300000000][line]=0', async () => {
      const grantee = await loggedIn(member);
      await refusedQuickly(() =>
        grantee.agent
          .post(`/awards/${awardId}/reports/${reportId}`)
          .field('_csrf', grantee.csrf)
          .field('narrative', 'จัดกิจกรรมแล้ว')
          .field('spending[300000000][line]', '0')
          .attach('photos', PNG, 'ภาพกิจกรรม.png'),
      );
      assert.equal(
        (await Award.findById(awardId).lean())?.reports.find((r) => String(r._id) === reportId)?.status,
        'due',
      );
    });

    it('urlencoded grant report with spending[300000000][line]=0 (and the index hidden as %5B…%5D)', async () => {
      const grantee = await loggedIn(member);
      for (const name of [
        'spending[300000000][line]',
        'spending%5B300000000%5D%5Bline%5D',
        'spending[0300000000][line]',
      ]) {
        await refusedQuickly(() =>
          grantee.agent
            .post(`/awards/${awardId}/reports/${reportId}`)
            .type('form')
            .send(`narrative=x&${name}=0&_csrf=${grantee.token}`),
        );
      }
    });

    it('urlencoded application form with budget[300000000][item]', async () => {
      const applicant = await loggedIn(member);
      await refusedQuickly(() =>
        applicant.agent
          .post(`/applications/${draftId}`)
          .type('form')
          .send(`title=x&budget[300000000][item]=a&intent=save&_csrf=${applicant.token}`),
      );
    });

    it('too many fields or too deep a name: the same refusal in both encodings', async () => {
      const grantee = await loggedIn(member);
      const path = `/awards/${awardId}/reports/${reportId}`;
      const many = Array.from({ length: FORM_LIMITS.fields + 1 }, (_, i) => `f${i}=1`).join('&');
      const multi = grantee.agent.post(`${path}`).field('_csrf', grantee.csrf);
      for (let i = 0; i <= FORM_LIMITS.fields; i++) void multi.field(`f${i}`, '1');
      const tooMany = [await grantee.agent.post(path).type('form').send(`${many}&_csrf=${grantee.token}`), await multi];
      const tooDeep = [
        await grantee.agent.post(path).type('form').send(`a[b][c][d][e][f][g]=1&_csrf=${grantee.token}`),
        await grantee.agent.post(`${path}`).field('_csrf', grantee.csrf).field('a[b][c][d][e][f][g]', '1'),
      ];
      assert.deepEqual(
        [...tooMany, ...tooDeep].map((r) => r.status),
        [413, 413, 400, 400],
      );
      // Text is bounded as a whole, as urlencoded bodies are: five fields of 90 KB are too much together.
      const bulky = grantee.agent.post(`${path}`).field('_csrf', grantee.csrf);
      for (let i = 0; i < 5; i++) void bulky.field(`narrative${i}`, 'ก'.repeat(30_000));
      const tooBulky = await bulky;
      assert.equal(tooBulky.status, 413);
      assert.match(tooBulky.text, new RegExp(translate('th', 'errors.tooLarge')));
      for (const r of tooMany) assert.match(r.text, new RegExp(translate('th', 'errors.tooLarge')));
      for (const r of tooDeep) assert.match(r.text, new RegExp(translate('th', 'errors.badRequest')));
      assert.equal(
        (await Award.findById(awardId).lean())?.reports.find((r) => String(r._id) === reportId)?.status,
        'due',
      );
    });
  });

  describe('the CSRF token of an upload: the form’s first field, never the URL', () => {
    it('the form pages carry no token in any address', async () => {
      const applicant = await loggedIn(member);
      const edit = await applicant.agent.get(`/applications/${draftId}/edit`);
      assert.equal(edit.status, 200);
      assert.doesNotMatch(edit.text, /[?&]_csrf=/);
      assert.match(
        edit.text,
        /enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="_csrf"/,
        'the token is the form’s first field',
      );
      const grant = await applicant.agent.get(
        `/applications/${String((await Award.findById(awardId).lean())?.applicationId)}`,
      );
      assert.doesNotMatch(grant.text, /[?&]_csrf=/);
    });

    it('refuses a token in the URL, a wrong one, another session’s, and a file sent before the token; nothing is stored', async () => {
      const applicant = await loggedIn(member);
      const other = await loggedIn(stranger);
      const before = await collectionStates();
      const path = `/applications/${draftId}/attachments`;
      const attempts = [
        applicant.agent.post(`${path}?_csrf=${applicant.token}`).attach('attachments', PDF_HEAD, 'a.pdf'),
        applicant.agent.post(path).attach('attachments', PDF_HEAD, 'a.pdf'),
        applicant.agent.post(path).field('_csrf', 'made-up').attach('attachments', PDF_HEAD, 'a.pdf'),
        applicant.agent.post(path).field('_csrf', other.csrf).attach('attachments', PDF_HEAD, 'a.pdf'),
        applicant.agent.post(path).attach('attachments', PDF_HEAD, 'a.pdf').field('_csrf', applicant.csrf),
        // The application form itself (text and files in one form) is held to the same rule.
        applicant.agent.post(`/applications/${draftId}`).field('title', 'hijacked').field('intent', 'save'),
      ];
      for (const res of await Promise.all(attempts.map(async (a) => a))) {
        assert.equal(res.status, 403, res.text.slice(0, 200));
        assert.match(res.text, new RegExp(translate('th', 'errors.csrf').slice(0, 20)));
      }
      assert.deepEqual(changedCollections(before, await collectionStates()), [], 'nothing stored');
    });

    it('a file sent before the token is refused at once, unread (10 MB answered quickly)', async () => {
      const applicant = await loggedIn(member);
      const req = applicant.agent.post(`/applications/${draftId}/attachments`);
      for (let i = 0; i < 5; i++) void req.attach('attachments', TEN_MB, `plan-${i}.pdf`);
      void req.field('_csrf', applicant.csrf);
      const { res, ms } = await timed(() => req);
      assert.equal(res.status, 403);
      assert.ok(ms < 3000, `answered after ${Math.round(ms)} ms`);
      assert.equal((await Application.findById(draftId).lean())?.attachments.length, 0);
    });

    it('a multipart body with a good token is still refused where no upload is taken (its body is never read)', async () => {
      const applicant = await loggedIn(member);
      const res = await applicant.agent
        .post(`/applications/${draftId}/transitions`)
        .field('_csrf', applicant.csrf)
        .field('action', 'withdraw')
        .field('confirm', 'on');
      assert.equal(res.status, 403);
      assert.equal((await Application.findById(draftId).lean())?.status, 'draft');
      const logout = await applicant.agent.post('/logout').field('_csrf', applicant.csrf);
      assert.equal(logout.status, 403);
      assert.equal((await applicant.agent.get('/account')).status, 200, 'still logged in');
    });
  });

  describe('uploads are authorised before their body is read and streamed, not buffered', () => {
    it('five parallel strangers’ requests of 10 × 10 MB answer 404 at once, and memory stays flat', async () => {
      const other = await loggedIn(stranger);
      const before = await gridfsCounts();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      try {
        const send = () => {
          const req = other.agent.post(`/applications/${draftId}/attachments`).field('_csrf', other.csrf);
          for (let i = 0; i < 10; i++) void req.attach('attachments', TEN_MB, `plan-${i}.pdf`);
          return req;
        };
        const results = await Promise.all(Array.from({ length: 5 }, () => timed(send)));
        assert.deepEqual(
          results.map((r) => r.res.status),
          [404, 404, 404, 404, 404],
        );
        for (const r of results) assert.ok(r.ms < 1500, `answered after ${Math.round(r.ms)} ms`);
        // Report photos: the same gate (a stranger to the grant is refused, 403 as for any report form).
        const photo = other.agent
          .post(`/awards/${awardId}/reports/${reportId}`)
          .field('_csrf', other.csrf)
          .field('narrative', 'x');
        for (let i = 0; i < 10; i++) void photo.attach('photos', TEN_MB, `p-${i}.png`);
        const refused = await timed(() => photo);
        assert.equal(refused.res.status, 403);
        assert.ok(refused.ms < 1500, `photos answered after ${Math.round(refused.ms)} ms`);
      } finally {
        clearInterval(sampler);
      }
      const grewMb = (peak - baseline) / MB;
      assert.ok(grewMb < 100, `memory grew by ${Math.round(grewMb)} MB`);
      assert.deepEqual(await gridfsCounts(), before, 'nothing stored');
      assert.equal((await Application.findById(draftId).lean())?.attachments.length, 0);
    });

    it('an authorised upload of a real PDF with a Thai name is stored and comes back byte for byte', async () => {
      const applicant = await loggedIn(member);
      const pdf = await realPdf();
      const res = await applicant.agent
        .post(`/applications/${draftId}/attachments`)
        .field('_csrf', applicant.csrf)
        .attach('attachments', pdf, 'แผนงบประมาณ ปี 2570.pdf');
      assert.equal(res.status, 303, res.text.slice(0, 300));
      const attachment = (await Application.findById(draftId).lean())?.attachments.at(-1);
      assert.equal(attachment?.filename, 'แผนงบประมาณ ปี 2570.pdf');
      assert.equal(attachment?.size, pdf.length);
      const download = await applicant.agent
        .get(`/applications/${draftId}/attachments/${String(attachment?._id)}`)
        .buffer(true);
      assert.equal(download.status, 200);
      assert.ok(Buffer.compare(download.body as Buffer, pdf) === 0, 'the same bytes');
    });

    it('a file one byte over 10 MB, after a good one, leaves no GridFS file or chunk', async () => {
      const applicant = await loggedIn(member);
      const before = await collectionStates();
      const res = await applicant.agent
        .post(`/applications/${draftId}/attachments`)
        .field('_csrf', applicant.csrf)
        .attach('attachments', await realPdf(), 'good.pdf')
        .attach('attachments', OVER_LIMIT, 'big.pdf');
      assert.equal(res.status, 422);
      assert.match(res.text, new RegExp(translate('th', 'validation.fileTooLarge', { mb: 10 })));
      assert.deepEqual(
        changedCollections(before, await collectionStates()),
        [],
        'no chunk, no file entry, no attachment',
      );
    });

    it('a text file renamed .pdf is refused and nothing is stored', async () => {
      const applicant = await loggedIn(member);
      const before = await collectionStates();
      const res = await applicant.agent
        .post(`/applications/${draftId}/attachments`)
        .field('_csrf', applicant.csrf)
        .attach('attachments', Buffer.from('just notes, not a PDF at all\n'.repeat(1000)), {
          filename: 'notes.pdf',
          contentType: 'application/pdf',
        });
      assert.equal(res.status, 422);
      assert.match(res.text, new RegExp(translate('th', 'validation.fileType')));
      assert.deepEqual(changedCollections(before, await collectionStates()), []);
    });

    it('a refused report (no narrative) keeps none of its photos', async () => {
      const grantee = await loggedIn(member);
      const before = await gridfsCounts();
      const res = await grantee.agent
        .post(`/awards/${awardId}/reports/${reportId}`)
        .field('_csrf', grantee.csrf)
        .field('narrative', '')
        .attach('photos', PNG, 'ภาพ.png');
      assert.equal(res.status, 422);
      assert.deepEqual(await gridfsCounts(), before);
    });

    it('one person runs at most two uploads at once; the third waits its turn with a 429', async () => {
      const applicant = await loggedIn(member);
      const id = await draftApplication();
      const send = () =>
        applicant.agent
          .post(`/applications/${id}/attachments`)
          .field('_csrf', applicant.csrf)
          .attach('attachments', FIVE_MB, 'a.pdf')
          .attach('attachments', FIVE_MB, 'b.pdf');
      const statuses = (await Promise.all([send(), send(), send(), send()])).map((r) => r.status);
      assert.ok(
        statuses.every((s) => s === 303 || s === 429),
        statuses.join(','),
      );
      assert.equal(statuses.filter((s) => s === 303).length, 2, statuses.join(','));
      const busy = await Promise.all([send(), send(), send()]);
      const tooMany = busy.find((r) => r.status === 429);
      assert.ok(tooMany, busy.map((r) => r.status).join(','));
      assert.match(tooMany.text, new RegExp(translate('th', 'errors.uploadsBusy')));
      // Afterwards the slots are free again.
      assert.equal((await send()).status, 303);
      assert.equal(
        (await Application.findById(id).lean())?.attachments.length,
        2 * (2 + busy.filter((r) => r.status === 303).length + 1),
      );
    });
  });
});
