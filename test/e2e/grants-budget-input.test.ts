/**
 * Budget rows that are not rows, and budgets whose total leaves the exact-integer range: each a
 * 422 with the message beside the budget field (HTML) or in `fields.budget` (JSON), nothing saved.
 */
import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeCall, makeOrg } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { startApplication } from '../../src/modules/grants/application.service.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { translate } from '../../src/shared/i18n/index.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

const INVALID = translate('th', 'validation.invalid');
const TOO_LARGE = translate('th', 'grants.budgetTooLarge');
const fieldError = (text: string) =>
  new RegExp(`class="field-error"[^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`);

describe('grants: budget rows of the wrong shape and totals beyond the safe range', function () {
  const ctx = useTestApp();
  let member: PublicUser;
  let applicationId: string;
  let applicant: ReturnType<typeof browser>;
  let csrf: string;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    const staff = await makeUser({ roles: ['staff'] });
    member = await makeUser({ roles: ['applicant'] });
    const callId = await makeCall(staff);
    applicationId = await startApplication(member, callId, await makeOrg(member));
    applicant = browser(ctx.app);
    await applicant.login(member.email, PASSWORD);
    csrf = csrfFrom((await applicant.agent.get(`/applications/${applicationId}/edit`)).text);
  });

  async function unchanged(): Promise<void> {
    const doc = await Application.findById(applicationId).lean();
    assert.equal(doc?.title ?? '', '', 'nothing saved');
    assert.equal(doc?.budgetLines?.length ?? 0, 0);
    assert.equal(doc?.requestedSatang ?? 0, 0);
  }

  const post = (body: string | Record<string, unknown>) =>
    typeof body === 'string'
      ? applicant.agent
          .post(`/applications/${applicationId}`)
          .type('form')
          .send(`_csrf=${encodeURIComponent(csrf)}&${body}`)
      : applicant.agent
          .post(`/applications/${applicationId}`)
          .set('Accept', 'application/json')
          .send({ _csrf: csrf, ...body });

  it('refuses budget rows named by words (budget[a][item]) with a message beside the budget', async () => {
    const res = await post('title=x&intent=save&budget[a][item]=x&budget[a][quantity]=1&budget[a][unitCost]=10');
    assert.equal(res.status, 422, res.text.slice(0, 300));
    assert.match(res.text, fieldError(INVALID));
    await unchanged();
  });

  it('refuses a JSON object in place of the list of rows, with the field named', async () => {
    for (const budget of [
      { item: 'x', quantity: '1', unitCost: '10' },
      { a: { item: 'x', quantity: '1', unitCost: '10' } },
    ]) {
      const res = await post({ title: 'y', intent: 'save', budget });
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(res.body.error?.fields?.budget, INVALID);
      await unchanged();
    }
  });

  it('refuses a budget whose total is past the largest amount (1,000,000 × ฿100,000,000), as a form and as JSON', async () => {
    const line = { 'budget[0][item]': 'x', 'budget[0][quantity]': '1,000,000', 'budget[0][unitCost]': '100,000,000' };
    const form = await applicant.agent
      .post(`/applications/${applicationId}`)
      .type('form')
      .send({ _csrf: csrf, title: 'z', intent: 'save', ...line });
    assert.equal(form.status, 422, form.text.slice(0, 300));
    assert.match(form.text, fieldError(TOO_LARGE));
    await unchanged();
    // Fifty lines each within the limit whose sum is not.
    const many = Array.from({ length: 50 }, () => ({ item: 'x', quantity: '1000', unitCost: '99,999,999' }));
    const json = await post({ title: 'z', intent: 'save', budget: many });
    assert.equal(json.status, 422, JSON.stringify(json.body));
    assert.equal(json.body.error?.fields?.budget, TOO_LARGE);
    await unchanged();
    // Rows keyed by index past the parser's array limit are still rows, in index order.
    const indexed = await post({
      title: 'ok',
      intent: 'save',
      budget: { 25: { item: 'b', quantity: '1', unitCost: '20' }, 3: { item: 'a', quantity: '2', unitCost: '10' } },
    });
    assert.ok([200, 302, 303].includes(indexed.status), JSON.stringify(indexed.body));
    const doc = await Application.findById(applicationId).lean();
    assert.deepEqual(
      doc?.budgetLines?.map((l) => l.item),
      ['a', 'b'],
    );
    assert.equal(doc?.requestedSatang, 40_00);
  });
});
