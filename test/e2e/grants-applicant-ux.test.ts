/**
 * The applicant's side of grants as a person meets it (issue 13): one form for the text and its
 * files (typed text survives attaching, a refused file, an empty "attach", adding a row), the
 * budget against the call's maximum (saved with a warning, refused on submit naming the cap, only
 * filled rows marked), the report form's rows, and the timeline of where the application is.
 */
import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, fundMoney, makeAward, makeOrganisation, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeCall, proposal } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { translate } from '../../src/shared/i18n/index.js';
import { formatSatang } from '../../src/shared/money.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { awardOfApplication } from '../../src/modules/grants/award.service.js';
import { payTranche } from '../../src/modules/grants/tranche.service.js';
import { Application } from '../../src/modules/grants/application.model.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Handlebars escapes some characters of the messages (’ → &#x27; is not one, but = and ` are). */
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/=/g, '&#x3D;');

describe('grants: the applicant’s form, budget cap, report rows and timeline', function () {
  this.timeout(60_000);
  const ctx = useTestApp();
  let staff: PublicUser;
  let member: PublicUser;
  let reviewer: PublicUser;
  let callId: string;
  let applicant: ReturnType<typeof browser>;

  /** A fresh draft of a new organisation of the member, with a complete proposal of `amount`. */
  const draft = async (amountSatang = 20_000_00, call = callId) => {
    const id = await startApplication(member, call, await makeOrganisation(member));
    await saveApplication(member, id, proposal(amountSatang));
    return id;
  };
  const tokenOf = async (path: string) => csrfFrom((await applicant.agent.get(path)).text);
  /** The edit form as a browser sends it: the token first, then the fields in document order. */
  const postForm = async (
    id: string,
    fields: [string, string][],
    files: { name: string; content: Buffer; type: string }[] = [],
  ) => {
    const req = applicant.agent.post(`/applications/${id}`).field('_csrf', await tokenOf(`/applications/${id}/edit`));
    for (const [k, v] of fields) void req.field(k, v);
    for (const f of files) void req.attach('attachments', f.content, { filename: f.name, contentType: f.type });
    return req;
  };
  const noPlaceholders = (text: string) =>
    assert.doesNotMatch(text.replace(/<!--[\s\S]*?-->/g, ''), /\{\{/, 'a raw {{placeholder}} reached the page');

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staff = await makeUser({ roles: ['staff'] });
    member = await makeUser({ roles: ['applicant'] });
    reviewer = await makeUser({ roles: ['reviewer'] });
    await fundMoney(staff, 'elderly', 200_000_00);
    callId = await makeCall(staff, { maxPerGrantSatang: 50_000_00, committeeEmails: [reviewer.email] });
    applicant = browser(ctx.app);
    await applicant.login(member.email, PASSWORD);
  });

  describe('item 1: one form for the text and its files', () => {
    it('the file field sits inside the text’s form, which posts multipart with the token first', async () => {
      const id = await draft();
      const page = await applicant.agent.get(`/applications/${id}/edit`);
      assert.equal(page.status, 200);
      noPlaceholders(page.text);
      const form =
        /<form method="post" action="\/applications\/[a-f0-9]{24}" enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(
          page.text,
        )?.[1] ?? '';
      assert.match(form, /^\s*<input type="hidden" name="_csrf"/, 'the token comes first');
      assert.match(form, /name="title"/);
      assert.match(form, /type="file" name="attachments"/, 'the file field is in the same form');
      assert.doesNotMatch(page.text, /_csrf=/, 'no token in any address');
    });

    it('attaching a file saves the text typed with it', async () => {
      const id = await draft();
      const res = await postForm(
        id,
        [
          ['title', 'ชื่อที่เพิ่งพิมพ์'],
          ['problem', 'ปัญหาที่เพิ่งพิมพ์'],
          ['intent', 'upload'],
        ],
        [{ name: 'แผน.pdf', content: PDF, type: 'application/pdf' }],
      );
      assert.equal(res.status, 303, res.text.slice(0, 300));
      const doc = await Application.findById(id).lean();
      assert.equal(doc?.title, 'ชื่อที่เพิ่งพิมพ์');
      assert.equal(doc?.problem, 'ปัญหาที่เพิ่งพิมพ์');
      assert.deepEqual(
        doc?.attachments.map((a) => a.filename),
        ['แผน.pdf'],
      );
      // Removing a file is a button of the same form: the text typed meanwhile is saved too.
      const fileId = String(doc?.attachments[0]?._id);
      const removed = await postForm(id, [
        ['title', 'แก้ชื่ออีกครั้ง'],
        ['intent', `remove:${fileId}`],
      ]);
      assert.equal(removed.status, 303);
      const after = await Application.findById(id).lean();
      assert.equal(after?.title, 'แก้ชื่ออีกครั้ง');
      assert.equal(after?.attachments.length, 0);
    });
  });

  describe('item 5: a refused file comes back on the same form, beside the file field, text kept', () => {
    it('a .txt file: the form again (not the error page) with the type message beside the field and the text typed', async () => {
      const id = await draft();
      const res = await postForm(
        id,
        [
          ['title', 'ข้อความที่ยังไม่บันทึก'],
          ['objectives', 'วัตถุประสงค์ที่พิมพ์ไว้'],
        ],
        [{ name: 'notes.txt', content: Buffer.from('just some notes\n'), type: 'text/plain' }],
      );
      assert.equal(res.status, 422);
      assert.match(
        res.text,
        /<form method="post" action="\/applications\/[a-f0-9]{24}" enctype="multipart\/form-data"/,
        'the application form',
      );
      assert.match(
        res.text,
        new RegExp(`id="e-attachments">${escape(html(translate('th', 'validation.fileType')))}<`),
        'the message beside the file field',
      );
      assert.match(res.text, /value="ข้อความที่ยังไม่บันทึก"/);
      assert.match(res.text, />วัตถุประสงค์ที่พิมพ์ไว้<\/textarea>/);
      assert.doesNotMatch(res.text, new RegExp(escape(translate('th', 'errors.backHome'))));
      noPlaceholders(res.text);
      assert.equal((await Application.findById(id).lean())?.attachments.length, 0);
    });

    it('“attach” with no file chosen asks for a file (not “the file is empty”); the text is saved and shown', async () => {
      const id = await draft();
      const res = await postForm(id, [
        ['title', 'พิมพ์แล้วกดแนบ'],
        ['intent', 'upload'],
      ]);
      assert.equal(res.status, 422);
      assert.match(
        res.text,
        new RegExp(`id="e-attachments">${escape(html(translate('th', 'grants.applicant.chooseFile')))}<`),
      );
      assert.doesNotMatch(res.text, new RegExp(escape(translate('th', 'validation.fileEmpty'))));
      assert.match(res.text, /value="พิมพ์แล้วกดแนบ"/);
      assert.equal((await Application.findById(id).lean())?.title, 'พิมพ์แล้วกดแนบ', 'the draft was saved with it');
    });

    it('a file sent with a submit that is then refused (over the cap) stays listed and still downloads', async () => {
      const id = await draft();
      const res = await postForm(
        id,
        [
          ['title', 'ส่งพร้อมไฟล์'],
          ['budget[0][item]', 'ค่าอุปกรณ์'],
          ['budget[0][quantity]', '1'],
          ['budget[0][unitCost]', '60,000'],
          ['intent', 'submit'],
        ],
        [{ name: 'แผนงาน.pdf', content: PDF, type: 'application/pdf' }],
      );
      assert.equal(res.status, 422, 'the submit is refused: the budget is over the maximum');
      const doc = await Application.findById(id).lean();
      assert.equal(doc?.status, 'draft');
      assert.deepEqual(
        doc?.attachments.map((a) => a.filename),
        ['แผนงาน.pdf'],
        'the file was kept with the draft',
      );
      const file = await applicant.agent.get(`/applications/${id}/attachments/${String(doc?.attachments[0]?._id)}`);
      assert.equal(file.status, 200, 'the listed file is still there to download');
    });

    it('the older attachments address refuses a .txt file on the same form too', async () => {
      const id = await draft();
      const req = applicant.agent
        .post(`/applications/${id}/attachments`)
        .field('_csrf', await tokenOf(`/applications/${id}/edit`));
      const res = await req.attach('attachments', Buffer.from('notes'), {
        filename: 'notes.txt',
        contentType: 'text/plain',
      });
      assert.equal(res.status, 422);
      assert.match(res.text, /id="e-attachments"/);
      assert.match(res.text, new RegExp(`value="${escape(proposal(1).title)}"`), 'the saved text is shown');
    });
  });

  describe('item 8: the budget against the call’s maximum', () => {
    const budgetFields = (lines: [string, string, string][]): [string, string][] =>
      lines.flatMap(([item, quantity, unitCost], i): [string, string][] => [
        [`budget[${i}][item]`, item],
        [`budget[${i}][quantity]`, quantity],
        [`budget[${i}][unitCost]`, unitCost],
      ]);

    it('a draft over the maximum is saved with a warning naming the cap, the running total shows it, and submitting says the cap', async () => {
      const id = await draft();
      const lines: [string, string, string][] = [
        ['ค่าอุปกรณ์', '1', '30,000'],
        ['ค่าอาหาร', '50', '400'],
        ['ค่าเดินทาง', '1', '6,500'],
      ];
      const saved = await postForm(id, [['title', 'เกินวงเงิน'], ...budgetFields(lines), ['intent', 'save']]);
      assert.equal(saved.status, 303, saved.text.slice(0, 300));
      assert.equal((await Application.findById(id).lean())?.requestedSatang, 56_500_00);
      const page = await applicant.agent.get(`/applications/${id}/edit`);
      const warning = translate('th', 'grants.applicant.overCap', { totalSatang: 56_500_00, maxSatang: 50_000_00 });
      assert.match(page.text, new RegExp(`id="cap-warning">${escape(html(warning))}<`));
      assert.match(page.text, /<strong data-total>฿56,500<\/strong>/, 'the running total, computed on save');
      assert.match(page.text, /data-over-amount>฿6,500</);
      noPlaceholders(page.text);
      for (const lang of ['th', 'en'] as const) {
        const submitted = await postForm(id, [
          ['title', 'เกินวงเงิน'],
          ...budgetFields(lines),
          ['intent', 'submit'],
          ['lang', lang],
        ]);
        assert.equal(submitted.status, 422);
        assert.match(
          submitted.text,
          new RegExp(escape(html(translate('th', 'grants.aboveCallMaximum', { maxSatang: 50_000_00 })))),
        );
        assert.match(submitted.text, new RegExp(escape(formatSatang(50_000_00, 'th'))));
      }
      assert.equal((await Application.findById(id).lean())?.status, 'draft');
    });

    it('only a filled row with a problem is marked; the blank spare rows are not', async () => {
      const id = await draft();
      const res = await postForm(id, [
        ['title', 'แถวผิด'],
        ...budgetFields([
          ['ค่าอุปกรณ์', '1', '1,000'],
          ['', '', ''],
          ['ค่าวิทยากร', '', '2,000'],
          ['', '', ''],
        ]),
        ['intent', 'save'],
      ]);
      assert.equal(res.status, 422);
      const invalid = [...res.text.matchAll(/name="budget\[(\d+)\]\[(\w+)\]"[^>]*aria-invalid="true"/g)].map(
        (m) => `${m[1]}.${m[2]}`,
      );
      assert.deepEqual(invalid, ['2.quantity'], 'the third row’s quantity, nothing else');
      assert.match(res.text, new RegExp(escape(html(`${translate('th', 'grants.applicant.rowN', { n: 3 })}:`))));
      assert.doesNotMatch(
        res.text,
        /class="field [^"]*field-invalid[^"]*" data-budget/,
        'the budget as a whole is not painted red',
      );
      assert.match(res.text, /value="ค่าวิทยากร"/, 'what was typed stays');
    });

    it('“add a row” saves the draft and offers one more empty row, as many as needed', async () => {
      const id = await draft();
      const page = await applicant.agent.get(`/applications/${id}/edit`);
      const rows = (text: string) =>
        new Set([...text.matchAll(/name="budget\[(\d+)\]\[item\]"/g)].map((m) => m[1])).size;
      assert.equal(rows(page.text), 2, 'the saved line and one spare, not three at a time');
      const lines: [string, string, string][] = [
        ['ค่าอุปกรณ์', '1', '1,000'],
        ['ค่าป้าย', '2', '500'],
      ];
      const added = await postForm(id, [
        ['title', 'เพิ่มแถว'],
        ...budgetFields(lines),
        ['budget[2][item]', ''],
        ['budget[2][quantity]', ''],
        ['budget[2][unitCost]', ''],
        ['intent', 'add:budget'],
      ]);
      assert.equal(added.status, 303);
      assert.match(String(added.headers.location), /\/edit\?budgetRows=4#f-budget$/);
      const doc = await Application.findById(id).lean();
      assert.equal(doc?.title, 'เพิ่มแถว');
      assert.equal(doc?.budgetLines.length, 2);
      const again = await applicant.agent.get(String(added.headers.location));
      assert.equal(rows(again.text), 4, 'two lines and two empty rows');
      assert.match(again.text, /<strong data-total>฿2,000<\/strong>/);
      assert.doesNotMatch(again.text, /id="cap-warning"/, 'within the cap: no warning');
    });
  });

  describe('item 2: the report form lists the grant’s budget lines and indicators', () => {
    it('a grantee with a report due sees a spending row per budget line and an indicator row per result', async () => {
      const lines = [
        { item: 'ค่าอุปกรณ์ออกกำลังกาย', quantity: 1, unitCostSatang: 10_000_00 },
        { item: 'ค่าอาหารว่าง', quantity: 40, unitCostSatang: 50_00 },
        { item: 'ค่าวิทยากร', quantity: 2, unitCostSatang: 1_500_00 },
      ];
      const { awardId, applicationId: id } = await makeAward(
        { staff, member, reviewer },
        { callId, orgId: await makeOrganisation(member), budgetLines: lines },
      );
      await payTranche(staff, awardId, 1, 'โอน 001');
      const page = await applicant.agent.get(`/applications/${id}`);
      assert.equal(page.status, 200);
      noPlaceholders(page.text);
      for (const [i, line] of lines.entries()) {
        assert.match(
          page.text,
          new RegExp(
            `${i + 1}\\. ${escape(line.item)} <input type="hidden" name="spending\\[${i}\\]\\[line\\]" value="${i}"><input name="spending\\[${i}\\]\\[spent\\]"`,
          ),
        );
      }
      assert.match(
        page.text,
        /1\. จำนวนผู้เข้าร่วม <input type="hidden" name="indicators\[0\]\[result\]" value="0"><input name="indicators\[0\]\[value\]"/,
      );
      assert.doesNotMatch(page.text, /_csrf=/, 'the report form carries its token as a field');

      // Item 11 for a grant: the timeline stands at the reports, with the report and payment that come next.
      const award = await awardOfApplication(member, id);
      const progress = award?.reports.find((r) => r.kind === 'progress');
      assert.ok(progress);
      assert.match(page.text, /<li class="step-current" aria-current="step">\s*รายงานผล/);
      const due = translate('th', 'grants.timeline.next.reportDue', {
        kind: translate('th', 'grants.reportKind.progress'),
        date: '',
      }).split(' ')[0] as string;
      assert.match(page.text, new RegExp(escape(due)));
      assert.match(
        page.text,
        new RegExp(
          escape(
            translate('th', 'grants.timeline.next.trancheAfterReport', {
              number: 2,
              amount: formatSatang(award?.tranches[1]?.amountSatang ?? 0, 'th'),
            }),
          ),
        ),
      );
    });

    it('a refused report photo (a .txt) or a missing narrative puts the report form back with its message and the text typed', async () => {
      const { awardId, applicationId: id } = await makeAward(
        { staff, member, reviewer },
        { callId, orgId: await makeOrganisation(member), amountSatang: 10_000_00 },
      );
      await payTranche(staff, awardId, 1, 'โอน 002');
      const progress = (await awardOfApplication(member, id))?.reports.find((r) => r.kind === 'progress')?.id as string;
      const path = `/awards/${awardId}/reports/${progress}`;
      const token = await tokenOf(`/applications/${id}`);
      const refused = await applicant.agent
        .post(path)
        .field('_csrf', token)
        .field('narrative', 'อบรมอาสาสมัครครบ 20 คนแล้ว')
        .attach('photos', Buffer.from('not a photo'), { filename: 'note.txt', contentType: 'text/plain' });
      assert.equal(refused.status, 422);
      assert.match(
        refused.text,
        new RegExp(`id="report-${progress}"`),
        'the application page with the report form, not the error page',
      );
      assert.match(
        refused.text,
        new RegExp(`id="e-p-${progress}">${escape(html(translate('th', 'validation.fileType')))}<`),
        'the message beside the photo field',
      );
      assert.match(refused.text, />อบรมอาสาสมัครครบ 20 คนแล้ว<\/textarea>/, 'the narrative typed is kept');
      noPlaceholders(refused.text);
      const empty = await applicant.agent.post(path).field('_csrf', token).field('narrative', '');
      assert.equal(empty.status, 422);
      assert.match(empty.text, new RegExp(`id="e-r-${progress}">`), 'the message beside the narrative');
      assert.equal(
        (await awardOfApplication(member, id))?.reports.find((r) => r.id === progress)?.status,
        'due',
        'nothing was sent',
      );
    });
  });

  describe('item 11: where the application is, and what happens next and when', () => {
    it('a draft: the timeline marks writing as the current step and says when to submit by', async () => {
      const id = await draft();
      const page = await applicant.agent.get(`/applications/${id}?lang=en`);
      assert.match(page.text, /<h2 id="journey-heading">Where your application is<\/h2>/);
      const steps = [...page.text.matchAll(/<li class="step-(\w+)"[^>]*>\s*([^<\n]+)/g)].map(
        (m) => `${m[1]}:${(m[2] as string).trim()}`,
      );
      assert.deepEqual(steps, [
        'current:Write the proposal',
        'upcoming:Submitted',
        'upcoming:Screening',
        'upcoming:Committee review',
        'upcoming:Decision',
        'upcoming:Grant and payments',
        'upcoming:Reports',
      ]);
      assert.match(page.text, /Finish the proposal and submit it by \d{1,2} \w+ \d{4}\./);
      noPlaceholders(page.text);
      await applicant.agent.get('/?lang=th');
    });

    it('submitted and in review: past steps carry their dates, and the committee’s due date is given', async () => {
      const id = await draft();
      await transition(member, id, { action: 'submit' });
      await transition(staff, id, { action: 'start_screening' });
      await transition(staff, id, { action: 'send_to_review' });
      const page = await applicant.agent.get(`/applications/${id}`);
      assert.match(page.text, /<li class="step-done">\s*ส่งข้อเสนอ\s*<span class="hint">— เสร็จแล้ว เมื่อ \d/);
      assert.match(page.text, /<li class="step-current" aria-current="step">\s*คณะกรรมการพิจารณา/);
      assert.match(page.text, /คณะกรรมการให้คะแนนภายใน \d/);
      // The withdraw button is no longer the only thing the box offers: the timeline comes first.
      assert.ok(
        page.text.indexOf('journey-heading') < Math.max(page.text.indexOf('actions-heading'), 0) ||
          !page.text.includes('actions-heading'),
      );
    });
  });
});
