import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import Handlebars from 'handlebars';
import Stripe from 'stripe';
import { stripeTestConfig, TEST_WEBHOOK_SECRET, useTestApp } from '../helpers/context.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { fundMoney, makeCall, makeOrg, proposal } from '../helpers/grants.js';
import { checkoutSession, deliver, event, signedHeader, type StripeEventShape } from '../helpers/stripe-events.js';
import { changedCollections, collectionStates } from '../helpers/db-state.js';
import { runSeeds } from '../../seeds/index.js';
import { translate } from '../../src/shared/i18n/index.js';
import { formatSatang } from '../../src/shared/money.js';
import { bangkokDay } from '../../src/shared/dates.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { assignReviewers, declareConflict, saveReview } from '../../src/modules/grants/review.service.js';
import { awardOfApplication, makeAward } from '../../src/modules/grants/award.service.js';
import { recordOfflineGift } from '../../src/modules/funds/donation-offline.service.js';
import { createCampaign } from '../../src/modules/funds/campaign.service.js';
import { setVerified } from '../../src/modules/directory/organisation.service.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { Review } from '../../src/modules/grants/review.model.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';
import { requestDeletion } from '../../src/modules/accounts/my-data.service.js';
import { DeletionRequest } from '../../src/modules/accounts/deletion-request.model.js';

/**
 * The bad-input corpus: every form and JSON endpoint and the Stripe webhook, fed wrong types,
 * missing fields, over-long and huge values, bad money, bad Thai IDs and dates, `$` operators and
 * dotted keys, scripts, hostile uploads, missing CSRF tokens and forged webhooks. Each case must
 * get its exact 4xx with a clear Thai message, no 5xx and no stack trace, and leave the database
 * exactly as it was. Where a form comes back with what was typed, a script in it comes back escaped.
 */

type Persona = 'anonymous' | 'donor' | 'applicant' | 'reviewer' | 'staff' | 'admin';
type Fields = Record<string, unknown>;
type Lazy<T> = T | (() => T);
type Reply = request.Response;
type Check = (res: Reply) => void;

interface Upload {
  field: string;
  content: Buffer;
  filename: string;
  contentType: string;
}

interface Case {
  name: string;
  as: Persona;
  method?: 'GET' | 'POST';
  path: Lazy<string>;
  /** An urlencoded form (the CSRF token is added), a raw urlencoded body, a JSON body, or multipart. */
  form?: Lazy<Fields>;
  raw?: Lazy<string>;
  json?: Lazy<Fields>;
  /** A body sent as is with a JSON content type. */
  rawJson?: string;
  multipart?: Lazy<{ fields?: Record<string, string>; files: Upload[] }>;
  /** A Stripe delivery: the exact bytes and the Stripe-Signature header (none when undefined). */
  webhook?: () => { payload: string | Buffer; header?: string };
  csrf?: 'ok' | 'missing' | 'wrong' | 'foreign';
  status: number;
  says: Check;
  /** The form comes back with a script typed into it: it must be escaped. */
  escaped?: boolean;
  /** Must still be true afterwards (beyond the database): e.g. nobody got logged in. */
  still?: 'anonymous';
  /** The body is valid: with the right token it is accepted (checked last, in this order). */
  proof?: number;
}

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const LONG = 'x'.repeat(10_001);
const WRONG_CHECKSUM_ID = '1101700203451';
const VALID_ID = '1101700203450';
/** Makes signature headers with any timestamp (no network). */
const signer = new Stripe('sk_test_123');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
const today = () => bangkokDay(new Date());
const future = (days: number) => bangkokDay(new Date(Date.now() + days * 86_400_000));

// ---- What the person reads -----------------------------------------------------------------------

/** The Thai text of a catalogue message (the default language), which must exist and be Thai. */
function th(key: string, params: Record<string, unknown> = {}): string {
  const text = translate('th', key, params);
  assert.notEqual(text, key, `no Thai message ${key}`);
  assert.match(text, /[\u0E00-\u0E7F]/, `${key} is not Thai`);
  return text;
}

const html = (text: string) => Handlebars.escapeExpression(text);
const re = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message beside a field of the form shown again. */
function field(key: string, params?: Record<string, unknown>): Check {
  const text = th(key, params);
  return (res) =>
    assert.match(res.text, new RegExp(`class="field-error"[^>]*>${re(html(text))}<`), `field message "${text}"`);
}

/** The summary at the top of the form shown again. */
function notice(key: string, params?: Record<string, unknown>): Check {
  const text = th(key, params);
  return (res) =>
    assert.match(
      res.text,
      new RegExp(`notice-error" role="alert">\\s*${re(html(text))}\\s*<`),
      `form notice "${text}"`,
    );
}

/** The list of problems at the top of a long form (the reviewer's scores), where the page opens. */
function summary(key: string, params?: Record<string, unknown>): Check {
  const text = th(key, params);
  return (res) => assert.match(res.text, new RegExp(`id="errors"[\\s\\S]*?${re(html(text))}</a>`), `summary "${text}"`);
}

/** A problem listed at the top of a form shown again (a report's spending rows have no field of their own to mark). */
function listed(key: string, params?: Record<string, unknown>): Check {
  const text = th(key, params);
  return (res) =>
    assert.match(
      res.text,
      new RegExp(`notice-error" role="alert">[\\s\\S]*?<li>${re(html(text))}</li>`),
      `listed problem "${text}"`,
    );
}

/** The message of an error page. */
function page(key: string, params?: Record<string, unknown>): Check {
  const text = th(key, params);
  return (res) =>
    assert.match(
      res.text,
      new RegExp(`class="error-page">[\\s\\S]*?<p>${re(html(text))}</p>`),
      `error page message "${text}"`,
    );
}

/** A JSON error with its message, and the message of each named field. */
function json(key: string, fields: Record<string, string | [string, Record<string, unknown>]> = {}): Check {
  const text = th(key);
  const expected = Object.fromEntries(
    Object.entries(fields).map(([name, k]) => [name, typeof k === 'string' ? th(k) : th(k[0], k[1])]),
  );
  return (res) => {
    assert.match(String(res.headers['content-type']), /application\/json/);
    const error = (res.body as { error?: { code?: unknown; message?: unknown; fields?: Record<string, string> } })
      .error;
    assert.ok(error, 'a JSON error object');
    assert.equal(typeof error.code, 'string');
    assert.equal(error.message, text);
    for (const [name, message] of Object.entries(expected))
      assert.equal(error.fields?.[name], message, `field ${name}`);
  };
}

const all =
  (...checks: Check[]): Check =>
  (res) => {
    for (const check of checks) check(res);
  };

// ---- Valid bodies the cases spoil -----------------------------------------------------------------

const donation = (over: Fields = {}): Fields => ({
  fund: 'education',
  amount: '500',
  frequency: 'one_time',
  name: 'สมหญิง รักดี',
  email: 'somying@example.org',
  submissionId: randomUUID(),
  ...over,
});
const withReceipt = (over: Fields = {}): Fields =>
  donation({
    wantsTaxReceipt: 'on',
    taxFullName: 'สมหญิง รักดี',
    taxId: VALID_ID,
    taxAddress: '1 ถนนราชดำเนิน กรุงเทพฯ',
    ...over,
  });
const registration = (over: Fields = {}): Fields => ({
  name: 'สมชาย ใจดี',
  email: `new-${randomUUID().slice(0, 8)}@example.org`,
  password: 'long-enough-1',
  passwordConfirm: 'long-enough-1',
  preferredLanguage: 'th',
  ...over,
});
const organisation = (over: Fields = {}): Fields => ({
  nameTh: `กลุ่มทดสอบ ${randomUUID().slice(0, 6)}`,
  type: 'community_group',
  roles: 'recipient',
  provinceCode: '90',
  districtCode: '9001',
  members: '30',
  confirmDuplicate: 'on',
  matchingOptIn: 'on',
  ...over,
});
const survey = (over: Fields = {}): Fields => ({
  title: 'สำรวจตำบลนาทวี',
  surveyedOn: today(),
  groupsCount: '3',
  leadersCount: '5',
  byOrgId: ids.orgA,
  ...over,
});
const callForm = (over: Fields = {}): Fields => ({
  fundSlug: 'elderly',
  titleTh: 'ทุนทดสอบ',
  titleEn: 'Test call',
  descriptionTh: '',
  descriptionEn: '',
  roles: 'recipient',
  budget: '500,000',
  maxPerGrant: '100,000',
  opensAt: '2027-01-01T09:00',
  closesAt: '2027-02-01T16:30',
  stages: '1',
  'criteria[0][nameTh]': 'ความจำเป็น',
  'criteria[0][weight]': '3',
  scaleMin: '1',
  scaleMax: '5',
  reviewsPerApplication: '2',
  tranches: '60, 40',
  ...over,
});
const application = (over: Fields = {}): Fields => ({
  title: 'ลานสุขภาพผู้สูงอายุ',
  problem: 'ขาดพื้นที่',
  'budget[0][item]': 'อุปกรณ์',
  'budget[0][quantity]': '1',
  'budget[0][unitCost]': '20,000',
  intent: 'save',
  ...over,
});
const offline = (over: Fields = {}): Fields => ({
  fund: 'education',
  amount: '1,000',
  channel: 'bank_transfer',
  receivedAt: today(),
  reference: 'โอน 123',
  name: 'ผู้บริจาคออฟไลน์',
  email: 'off@example.org',
  submissionId: randomUUID(),
  ...over,
});
const adjustment = (over: Fields = {}): Fields => ({
  fund: 'elderly',
  direction: 'credit',
  amount: '1000',
  memo: 'ปรับปรุงยอด',
  submissionId: randomUUID(),
  ...over,
});
const campaign = (over: Fields = {}): Fields => ({
  fund: 'education',
  slug: `camp-${randomUUID().slice(0, 6)}`,
  nameTh: 'แคมเปญทดสอบ',
  nameEn: 'Test campaign',
  goal: '100,000',
  endsOn: future(60),
  ...over,
});
const review = (over: Fields = {}): Fields => ({
  'scores[need]': '4',
  'scores[feasibility]': '4',
  'scores[community]': '3',
  recommendation: 'fund',
  intent: 'save',
  ...over,
});

/** Ids made in `before`, read by the cases when they run. */
const ids = {} as {
  orgA: string;
  orgB: string;
  call: string;
  draftApp: string;
  reviewApp: string;
  conflictApp: string;
  approvedApp: string;
  freeCall: string;
  award: string;
  review: string;
  progress: string;
  gift: string;
  fund: string;
  onlineGift: string;
  pendingGift: string;
  donorId: string;
  adminId: string;
  deletion: string;
};
let processedEvent: StripeEventShape;
let processedHeader: string;
let donorEmail = '';
let applicantEmail = '';
const HUGE_PDF = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);

// ---- The corpus --------------------------------------------------------------------------------------

const cases: Case[] = [];
const add = (group: string, list: Case[]) => {
  for (const c of list) cases.push({ ...c, name: `${group}: ${c.name}` });
};
const post = (as: Persona, path: Lazy<string>) => ({ as, path, method: 'POST' as const });

// Public donate form (POST /donate; the fund pages' forms post there too).
{
  const amount = (name: string, customAmount: string, says: Check) => ({
    name,
    ...post('anonymous', '/donate'),
    form: donation({ amount: 'other', customAmount }),
    status: 422,
    says,
  });
  const invalidAmount = all(notice('errors.validation'), field('donations.amountInvalid'));
  add('POST /donate', [
    amount('negative amount', '-100', invalidAmount),
    amount('fractional satang 10.005', '10.005', invalidAmount),
    amount('exponent notation 1e9', '1e9', invalidAmount),
    amount('letters', 'abc', invalidAmount),
    amount('huge 99999999999999999999', '99999999999999999999', invalidAmount),
    amount('zero', '0', invalidAmount),
    amount('0.001 baht', '0.001', invalidAmount),
    amount('Infinity', 'Infinity', invalidAmount),
    amount('hexadecimal 0x1F4', '0x1F4', invalidAmount),
    amount('below the online minimum (5 baht)', '5', field('donations.belowMinimum', { min: 10 })),
    amount('above the online maximum (500,000.01 baht)', '500000.01', field('donations.aboveMaximum', { max: 500000 })),
    amount('"other" with nothing typed', '', field('donations.amountRequired')),
    {
      name: 'negative preset amount',
      ...post('anonymous', '/donate'),
      form: donation({ amount: '-500' }),
      status: 422,
      says: field('donations.amountInvalid'),
    },
    {
      name: 'unknown fund',
      ...post('anonymous', '/donate'),
      form: donation({ fund: 'no-such-fund' }),
      status: 404,
      says: page('funds.notFound'),
    },
    {
      name: 'fund slug with spaces and capitals',
      ...post('anonymous', '/donate'),
      form: donation({ fund: 'Edu Cation' }),
      status: 404,
      says: page('funds.notFound'),
    },
    {
      name: 'fund slug with path traversal ../general',
      ...post('anonymous', '/donate'),
      form: donation({ fund: '../general' }),
      status: 404,
      says: page('funds.notFound'),
    },
    {
      name: 'frequency "weekly"',
      ...post('anonymous', '/donate'),
      form: donation({ frequency: 'weekly' }),
      status: 422,
      says: field('validation.choice'),
    },
    {
      name: 'invalid email',
      ...post('anonymous', '/donate'),
      form: donation({ email: 'not-an-email' }),
      status: 422,
      says: field('validation.email'),
    },
    {
      name: 'missing email',
      ...post('anonymous', '/donate'),
      form: donation({ email: undefined }),
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'missing name',
      ...post('anonymous', '/donate'),
      form: donation({ name: '' }),
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'unknown campaign',
      ...post('anonymous', '/donate'),
      form: donation({ campaign: 'no-such-campaign' }),
      status: 422,
      says: notice('donations.campaignClosed'),
    },
    {
      name: 'submission id that is not a UUID',
      ...post('anonymous', '/donate'),
      form: donation({ submissionId: 'abc' }),
      status: 422,
      says: notice('errors.validation'),
    },
    {
      name: 'anonymous checkbox "maybe"',
      ...post('anonymous', '/donate'),
      form: donation({ anonymous: 'maybe' }),
      status: 422,
      says: notice('errors.validation'),
    },
    {
      name: 'Thai ID with a wrong check digit',
      ...post('anonymous', '/donate'),
      form: withReceipt({ taxId: WRONG_CHECKSUM_ID }),
      status: 422,
      says: field('donations.taxIdInvalid'),
    },
    {
      name: 'Thai ID of letters',
      ...post('anonymous', '/donate'),
      form: withReceipt({ taxId: 'ABCDEFGHIJKLM' }),
      status: 422,
      says: field('donations.taxIdInvalid'),
    },
    {
      name: 'Thai ID of 12 digits',
      ...post('anonymous', '/donate'),
      form: withReceipt({ taxId: '110170020345' }),
      status: 422,
      says: field('donations.taxIdInvalid'),
    },
    {
      name: 'Thai ID of 14 digits',
      ...post('anonymous', '/donate'),
      form: withReceipt({ taxId: '11017002034501' }),
      status: 422,
      says: field('donations.taxIdInvalid'),
    },
    {
      name: 'tax receipt asked for, no name on it',
      ...post('anonymous', '/donate'),
      form: withReceipt({ taxFullName: '' }),
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'tax receipt asked for, no address',
      ...post('anonymous', '/donate'),
      form: withReceipt({ taxAddress: '' }),
      status: 422,
      says: notice('errors.validation'),
    },
    {
      name: 'tax receipt asked for, no ID',
      ...post('anonymous', '/donate'),
      form: withReceipt({ taxId: '' }),
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'operator key amount[$gt]',
      ...post('anonymous', '/donate'),
      raw: 'fund=education&name=a&email=a%40example.org&amount[$gt]=',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'dotted key donor.name',
      ...post('anonymous', '/donate'),
      form: donation({ 'donor.name': 'x' }),
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'prototype key constructor[prototype]',
      ...post('anonymous', '/donate'),
      raw: 'fund=education&constructor[prototype][admin]=1',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'fund given as a list',
      ...post('anonymous', '/donate'),
      form: donation({ fund: ['education', 'elderly'] }),
      status: 422,
      says: field('validation.invalid'),
    },
    {
      name: 'JSON body with a number for the amount',
      ...post('anonymous', '/donate'),
      json: donation({ amount: 500 }),
      status: 422,
      says: json('errors.validation', { amount: 'validation.invalid' }),
    },
    {
      name: 'JSON body with null name and boolean email',
      ...post('anonymous', '/donate'),
      json: donation({ name: null, email: true }),
      status: 422,
      says: json('errors.validation', { name: 'validation.invalid', email: 'validation.invalid' }),
    },
    {
      name: 'JSON body with $where',
      ...post('anonymous', '/donate'),
      json: donation({ $where: 'sleep(1000)' }),
      status: 400,
      says: json('errors.operatorKey'),
    },
    {
      name: 'the fund page path (forms post to /donate)',
      ...post('anonymous', '/funds/education/donate'),
      form: donation(),
      status: 404,
      says: page('errors.notFound'),
    },
  ]);
  // Every text field: a script (another field wrong, so the form comes back), 10k characters, an operator object, a list.
  const texts: [string, number][] = [
    ['name', 200],
    ['email', 254],
    ['dedication', 300],
    ['taxFullName', 200],
    ['taxAddress', 500],
    ['customAmount', 30],
  ];
  for (const [name, max] of texts) {
    add('POST /donate', [
      {
        name: `script in ${name}`,
        ...post('anonymous', '/donate'),
        form: donation({ amount: 'other', customAmount: 'abc', [name]: SCRIPT }),
        status: 422,
        says: notice('errors.validation'),
        escaped: true,
      },
      {
        name: `10k characters in ${name}`,
        ...post('anonymous', '/donate'),
        form: donation({ [name]: LONG }),
        status: 422,
        says: field('validation.tooLong', { max }),
      },
      {
        name: `operator object in ${name}`,
        ...post('anonymous', '/donate'),
        form: donation({ [name]: { $gt: '' } }),
        status: 400,
        says: page('errors.operatorKey'),
      },
      {
        name: `list in ${name}`,
        ...post('anonymous', '/donate'),
        form: donation({ [name]: ['a', 'b'] }),
        status: 422,
        says: field('validation.invalid'),
      },
    ]);
  }
}

// Accounts.
{
  add('POST /register', [
    {
      name: 'invalid email',
      ...post('anonymous', '/register'),
      form: registration({ email: 'nope@' }),
      status: 422,
      says: field('validation.email'),
    },
    {
      name: 'short password',
      ...post('anonymous', '/register'),
      form: registration({ password: 'short', passwordConfirm: 'short' }),
      status: 422,
      says: field('validation.passwordTooShort'),
    },
    {
      name: 'passwords differ',
      ...post('anonymous', '/register'),
      form: registration({ passwordConfirm: 'long-enough-2' }),
      status: 422,
      says: field('validation.passwordMismatch'),
    },
    {
      name: 'missing name',
      ...post('anonymous', '/register'),
      form: registration({ name: '' }),
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'language "fr"',
      ...post('anonymous', '/register'),
      form: registration({ preferredLanguage: 'fr' }),
      status: 422,
      says: notice('errors.validation'),
    },
    // An address that has an account is answered like a new one and its owner is emailed (so it changes
    // the outbox): accounts.test.ts proves it gives the same page and makes no second user.
    {
      name: '10k-character name',
      ...post('anonymous', '/register'),
      form: registration({ name: LONG }),
      status: 422,
      says: field('validation.tooLong', { max: 120 }),
    },
    {
      name: '10k-character password',
      ...post('anonymous', '/register'),
      form: registration({ password: LONG, passwordConfirm: LONG }),
      status: 422,
      says: notice('errors.validation'),
    },
    {
      name: 'operator object in email',
      ...post('anonymous', '/register'),
      form: registration({ email: { $ne: '' } }),
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'roles smuggled as a dotted key',
      ...post('anonymous', '/register'),
      form: registration({ 'roles.0': 'admin' }),
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'script in name (password too short)',
      ...post('anonymous', '/register'),
      form: registration({ name: SCRIPT, password: 'x', passwordConfirm: 'x' }),
      status: 422,
      says: field('validation.passwordTooShort'),
      escaped: true,
    },
    {
      name: 'script in email',
      ...post('anonymous', '/register'),
      form: registration({ email: SCRIPT }),
      status: 422,
      says: field('validation.email'),
      escaped: true,
    },
    {
      name: 'JSON: a number for the password, an object for the name',
      ...post('anonymous', '/register'),
      json: registration({ password: 12345678, name: { first: 'a' } }),
      status: 422,
      says: json('errors.validation', { password: 'validation.invalid', name: 'validation.invalid' }),
    },
  ]);
  add('POST /login', [
    {
      name: 'wrong password',
      ...post('anonymous', '/login'),
      form: () => ({ email: donorEmail, password: 'wrong-password' }),
      status: 422,
      says: notice('accounts.badCredentials'),
    },
    {
      name: 'unknown email',
      ...post('anonymous', '/login'),
      form: { email: 'nobody@example.org', password: 'whatever-1' },
      status: 422,
      says: notice('accounts.badCredentials'),
    },
    {
      name: 'email[$ne]=x does not log in',
      ...post('anonymous', '/login'),
      raw: 'email[$ne]=x&password[$ne]=x',
      status: 400,
      says: page('errors.operatorKey'),
      still: 'anonymous',
    },
    {
      name: 'email as an object without $',
      ...post('anonymous', '/login'),
      raw: 'email[a]=x&password=y',
      status: 422,
      says: field('validation.invalid'),
      still: 'anonymous',
    },
    {
      name: 'email as a list',
      ...post('anonymous', '/login'),
      form: () => ({ email: [donorEmail, 'x@example.org'], password: PASSWORD }),
      status: 422,
      says: field('validation.invalid'),
      still: 'anonymous',
    },
    {
      name: 'missing password',
      ...post('anonymous', '/login'),
      form: () => ({ email: donorEmail }),
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'invalid email',
      ...post('anonymous', '/login'),
      form: { email: 'x', password: 'whatever-1' },
      status: 422,
      says: field('validation.email'),
    },
    {
      name: '10k-character email',
      ...post('anonymous', '/login'),
      form: { email: LONG, password: 'whatever-1' },
      status: 422,
      says: field('validation.tooLong', { max: 254 }),
    },
    {
      name: 'script in email (wrong password)',
      ...post('anonymous', '/login'),
      form: { email: `${SCRIPT}@example.org`, password: 'whatever-1' },
      status: 422,
      says: field('validation.email'),
      escaped: true,
    },
    {
      name: 'JSON: $gt objects do not log in',
      ...post('anonymous', '/login'),
      json: { email: { $gt: '' }, password: { $gt: '' } },
      status: 400,
      says: json('errors.operatorKey'),
      still: 'anonymous',
    },
    {
      name: 'JSON: a number for the email',
      ...post('anonymous', '/login'),
      json: { email: 42, password: 'x' },
      status: 422,
      says: json('errors.validation', { email: 'validation.invalid' }),
    },
  ]);
  add('POST /forgot-password', [
    {
      name: 'invalid email',
      ...post('anonymous', '/forgot-password'),
      form: { email: 'nope' },
      status: 422,
      says: field('validation.email'),
    },
    {
      name: 'missing email',
      ...post('anonymous', '/forgot-password'),
      form: {},
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'email as a list',
      ...post('anonymous', '/forgot-password'),
      form: { email: ['a@example.org', 'b@example.org'] },
      status: 422,
      says: field('validation.invalid'),
    },
    {
      name: 'email[$ne]',
      ...post('anonymous', '/forgot-password'),
      raw: 'email[$ne]=x',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: '10k-character email',
      ...post('anonymous', '/forgot-password'),
      form: { email: `${LONG}@example.org` },
      status: 422,
      says: field('validation.tooLong', { max: 254 }),
    },
  ]);
  const reset = (token: string) => `/reset-password/${token}`;
  add('POST /reset-password/:token', [
    {
      name: 'made-up token',
      ...post('anonymous', reset('A'.repeat(43))),
      form: { password: 'long-enough-1', passwordConfirm: 'long-enough-1' },
      status: 422,
      says: notice('accounts.reset.invalidToken'),
    },
    {
      name: 'token of odd characters',
      ...post('anonymous', reset('..%2F..%2Fetc')),
      form: { password: 'long-enough-1', passwordConfirm: 'long-enough-1' },
      status: 422,
      says: notice('accounts.reset.invalidToken'),
    },
    {
      name: 'short password',
      ...post('anonymous', reset('A'.repeat(43))),
      form: { password: 'short', passwordConfirm: 'short' },
      status: 422,
      says: field('validation.passwordTooShort'),
    },
    {
      name: 'passwords differ',
      ...post('anonymous', reset('A'.repeat(43))),
      form: { password: 'long-enough-1', passwordConfirm: 'long-enough-2' },
      status: 422,
      says: field('validation.passwordMismatch'),
    },
    {
      name: 'password as an operator object',
      ...post('anonymous', reset('A'.repeat(43))),
      raw: 'password[$gt]=&passwordConfirm=x',
      status: 400,
      says: page('errors.operatorKey'),
    },
  ]);
  add('POST /account', [
    {
      name: 'missing name',
      ...post('donor', '/account'),
      form: { name: '', preferredLanguage: 'th' },
      status: 422,
      says: field('validation.required'),
    },
    {
      name: '10k-character name',
      ...post('donor', '/account'),
      form: { name: LONG, preferredLanguage: 'th' },
      status: 422,
      says: field('validation.tooLong', { max: 120 }),
    },
    {
      name: 'language "xx"',
      ...post('donor', '/account'),
      form: { name: 'สมชาย', preferredLanguage: 'xx' },
      status: 422,
      says: notice('errors.validation'),
    },
    {
      name: 'name as a list',
      ...post('donor', '/account'),
      form: { name: ['a', 'b'], preferredLanguage: 'th' },
      status: 422,
      says: field('validation.invalid'),
    },
    {
      name: 'name[$gt]',
      ...post('donor', '/account'),
      raw: 'name[$gt]=&preferredLanguage=th',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'roles smuggled in (dotted)',
      ...post('donor', '/account'),
      form: { name: 'สมชาย', preferredLanguage: 'th', 'roles.0': 'admin' },
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'script in name (language wrong)',
      ...post('donor', '/account'),
      form: { name: SCRIPT, preferredLanguage: 'xx' },
      status: 422,
      says: notice('errors.validation'),
      escaped: true,
    },
    {
      name: 'JSON: a number for the name',
      ...post('donor', '/account'),
      json: { name: 123, preferredLanguage: 'th' },
      status: 422,
      says: json('errors.validation', { name: 'validation.invalid' }),
    },
  ]);
  const claim = (name: string, form: Fields | string, status: number, says: Check, escaped = false) => ({
    name,
    ...post('donor', '/account/gifts/claim'),
    ...(typeof form === 'string' ? { raw: form } : { form }),
    status,
    says,
    escaped,
  });
  add('POST /account/gifts/claim', [
    claim('no reference', { reference: '', email: 'a@example.org' }, 422, field('validation.required')),
    claim(
      'reference of 10k characters',
      { reference: LONG, email: 'a@example.org' },
      422,
      field('validation.tooLong', { max: 20 }),
    ),
    claim('reference as a list', { reference: ['A', 'B'], email: 'a@example.org' }, 422, field('validation.invalid')),
    claim('invalid email', { reference: 'EAEE7390', email: 'nope@' }, 422, field('validation.email')),
    claim(
      'a code nobody was given',
      { reference: 'ZZZZ9999', email: 'a@example.org' },
      422,
      field('gifts.claimNotFound'),
    ),
    claim('script for the email', { reference: 'EAEE7390', email: SCRIPT }, 422, field('validation.email'), true),
    claim('reference[$ne]', 'reference[$ne]=x&email=a%40example.org', 400, page('errors.operatorKey')),
  ]);
  const verifyLink = (name: string, token: string) => ({
    name,
    as: 'anonymous' as const,
    method: 'GET' as const,
    path: `/verify-email/${token}`,
    status: 410,
    says: notice('accounts.verify.invalid'),
  });
  add('GET /verify-email/:token', [
    verifyLink('made-up token', 'A'.repeat(43)),
    verifyLink('token of odd characters', '..%2F..%2Fetc'),
    verifyLink('2,000-character token', 'B'.repeat(2000)),
    verifyLink('Thai characters', encodeURIComponent('ยืนยัน')),
  ]);
  add('POST /account/password', [
    {
      name: 'wrong current password',
      ...post('donor', '/account/password'),
      form: { currentPassword: 'not-my-password', newPassword: 'another-long-1', newPasswordConfirm: 'another-long-1' },
      status: 422,
      says: field('accounts.wrongPassword'),
    },
    {
      name: 'short new password',
      ...post('donor', '/account/password'),
      form: { currentPassword: PASSWORD, newPassword: 'short', newPasswordConfirm: 'short' },
      status: 422,
      says: field('validation.passwordTooShort'),
    },
    {
      name: 'new passwords differ',
      ...post('donor', '/account/password'),
      form: { currentPassword: PASSWORD, newPassword: 'another-long-1', newPasswordConfirm: 'another-long-2' },
      status: 422,
      says: field('validation.passwordMismatch'),
    },
    {
      name: 'missing current password',
      ...post('donor', '/account/password'),
      form: { newPassword: 'another-long-1', newPasswordConfirm: 'another-long-1' },
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'current password as an object',
      ...post('donor', '/account/password'),
      raw: 'currentPassword[a]=b&newPassword=another-long-1&newPasswordConfirm=another-long-1',
      status: 422,
      says: notice('errors.validation'),
    },
  ]);
}

// Organisations, invitations, matches and surveys.
{
  const create = (name: string, over: Fields, status: number, says: Check, escaped = false) => ({
    name,
    ...post('applicant', '/organisations'),
    form: organisation(over),
    status,
    says,
    escaped,
  });
  const badArea = all(notice('directory.badArea'));
  add('POST /organisations', [
    create('unknown province 99', { provinceCode: '99', districtCode: '' }, 422, badArea),
    create('unknown district 9099', { districtCode: '9099' }, 422, badArea),
    create('district of another province', { provinceCode: '10', districtCode: '9001' }, 422, badArea),
    create('province "abc"', { provinceCode: 'abc' }, 422, field('directory.provinceRequired')),
    create('missing province', { provinceCode: '' }, 422, field('directory.provinceRequired')),
    create('served district that does not exist', { servedDistricts: '9999' }, 422, badArea),
    create('role outside the vocabulary', { roles: 'overlord' }, 422, field('directory.notInVocabulary')),
    create('no role', { roles: '' }, 422, field('directory.roleRequired')),
    create('type outside the vocabulary', { type: 'cult' }, 422, field('validation.choice')),
    create('issue outside the vocabulary', { issues: 'world-domination' }, 422, field('directory.notInVocabulary')),
    create('negative members', { members: '-5' }, 422, field('directory.badCount')),
    create('fractional members', { members: '1.5' }, 422, field('directory.badCount')),
    create('members above ten million', { members: '99999999999' }, 422, field('directory.badCount')),
    create(
      'negative volunteers offered',
      { offers: 'volunteers', offerVolunteers: '-1' },
      422,
      field('directory.badCount'),
    ),
    create('negative money offered', { offers: 'money', offerMoney: '-100' }, 422, field('donations.amountInvalid')),
    create('fractional satang needed', { needs: 'money', needMoney: '10.005' }, 422, field('donations.amountInvalid')),
    create(
      'overflowing money needed',
      { needs: 'money', needMoney: '99999999999999999999' },
      422,
      field('donations.amountInvalid'),
    ),
    create('missing Thai name', { nameTh: '' }, 422, field('validation.required')),
    create('javascript: website', { website: 'javascript:alert(1)' }, 422, field('directory.badWebsite')),
    create('invalid public email', { publicEmail: 'not-an-email' }, 422, field('validation.email')),
    create('budget band outside the vocabulary', { budgetBand: 'infinite' }, 422, notice('errors.validation')),
    create('unknown network id', { networkIds: 'a'.repeat(24) }, 422, notice('errors.validation')),
    // A return address is followed only when it is a path on this site; refused input keeps it harmless.
    create(
      'off-site returnTo with a bad province',
      { provinceCode: '99', districtCode: '', returnTo: '//evil.example/x' },
      422,
      badArea,
    ),
    create(
      'script in returnTo',
      { provinceCode: 'xx', returnTo: SCRIPT },
      422,
      field('directory.provinceRequired'),
      true,
    ),
    create(
      'memberUserIds smuggled as a dotted key',
      { 'memberUserIds.0': 'a'.repeat(24) },
      400,
      page('errors.operatorKey'),
    ),
    create('verified smuggled as $set', { $set: { verified: 'true' } }, 400, page('errors.operatorKey')),
    {
      name: 'JSON: a number for members, an object for roles',
      ...post('applicant', '/organisations'),
      json: organisation({ members: 30, roles: { a: 1 } }),
      status: 422,
      says: json('errors.validation', { members: 'validation.invalid' }),
    },
  ]);
  const texts: [string, number][] = [
    ['nameTh', 200],
    ['nameEn', 200],
    ['description', 3000],
    ['offerNote', 300],
    ['needNote', 300],
    ['registrationNumber', 100],
    ['registeredWith', 200],
    ['publicPhone', 50],
    ['publicAddress', 500],
    ['contactPerson', 200],
    ['privatePhone', 50],
  ];
  for (const [name, max] of texts) {
    add('POST /organisations', [
      create(
        `script in ${name}`,
        { provinceCode: 'xx', [name]: SCRIPT },
        422,
        field('directory.provinceRequired'),
        true,
      ),
      create(`10k characters in ${name}`, { [name]: LONG }, 422, field('validation.tooLong', { max })),
      create(`operator object in ${name}`, { [name]: { $gt: '' } }, 400, page('errors.operatorKey')),
      create(`list in ${name}`, { [name]: ['a', 'b'] }, 422, field('validation.invalid')),
    ]);
  }
  const update = (name: string, over: Fields, status: number, says: Check, escaped = false) => ({
    name,
    ...post('applicant', () => `/organisations/${ids.orgA}`),
    form: organisation(over),
    status,
    says,
    escaped,
  });
  add('POST /organisations/:id', [
    update('unknown province', { provinceCode: '99', districtCode: '' }, 422, notice('directory.badArea')),
    update('negative members', { members: '-1' }, 422, field('directory.badCount')),
    update('role outside the vocabulary', { roles: ['recipient', 'emperor'] }, 422, field('directory.notInVocabulary')),
    update('10k-character name', { nameTh: LONG }, 422, field('validation.tooLong', { max: 200 })),
    update(
      'script in description (district wrong)',
      { districtCode: 'zz', description: SCRIPT },
      422,
      notice('errors.validation'),
      true,
    ),
    update('nameTh[$ne]', { nameTh: { $ne: '' } }, 400, page('errors.operatorKey')),
    {
      name: 'id that is not an ObjectId',
      ...post('applicant', '/organisations/not-an-id'),
      form: organisation(),
      status: 404,
      says: page('directory.notFound'),
    },
    {
      name: 'id of no organisation',
      ...post('applicant', `/organisations/${'0'.repeat(24)}`),
      form: organisation(),
      status: 404,
      says: page('directory.notFound'),
    },
  ]);
  const invite = () => `/organisations/${ids.orgA}/invitations`;
  add('POST /organisations/:id/invitations', [
    {
      name: 'invalid email',
      ...post('applicant', invite),
      form: { email: 'friend' },
      status: 422,
      says: page('validation.email'),
    },
    { name: 'missing email', ...post('applicant', invite), form: {}, status: 422, says: page('validation.required') },
    {
      name: 'email as a list',
      ...post('applicant', invite),
      form: { email: ['a@example.org', 'b@example.org'] },
      status: 422,
      says: page('validation.invalid'),
    },
    {
      name: 'email[$ne]',
      ...post('applicant', invite),
      raw: 'email[$ne]=',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'someone already a member',
      ...post('applicant', invite),
      form: () => ({ email: applicantEmail }),
      status: 409,
      says: page('directory.alreadyMember'),
    },
    {
      name: 'organisation id that is not an ObjectId',
      ...post('applicant', '/organisations/zzz/invitations'),
      form: { email: 'friend@example.org' },
      status: 404,
      says: page('directory.notFound'),
    },
  ]);
  add('POST /invitations/:token', [
    {
      name: 'made-up token',
      ...post('donor', `/invitations/${'a'.repeat(32)}`),
      form: {},
      status: 404,
      says: page('directory.invitationInvalid'),
    },
    {
      name: 'token with path traversal',
      ...post('donor', '/invitations/..%2F..%2Fadmin'),
      form: {},
      status: 404,
      says: page('directory.invitationInvalid'),
    },
  ]);
  const mark = () => `/organisations/${ids.orgA}/matches/${ids.orgB}`;
  add('POST /organisations/:id/matches/:candidateId', [
    {
      name: 'status outside the vocabulary',
      ...post('applicant', mark),
      form: { status: 'adored' },
      status: 422,
      says: page('validation.choice'),
    },
    { name: 'missing status', ...post('applicant', mark), form: {}, status: 422, says: page('validation.choice') },
    {
      name: 'status[$ne]',
      ...post('applicant', mark),
      raw: 'status[$ne]=x',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'candidate that is not an ObjectId',
      ...post('applicant', () => `/organisations/${ids.orgA}/matches/nope`),
      form: { status: 'interested' },
      status: 404,
      says: page('directory.notFound'),
    },
  ]);
  const surveys = '/areas/90/surveys';
  add('POST /areas/:code/surveys', [
    {
      name: 'date 2026-02-30',
      ...post('applicant', surveys),
      form: () => survey({ surveyedOn: '2026-02-30' }),
      status: 422,
      says: field('validation.date'),
    },
    {
      name: 'date in the future',
      ...post('applicant', surveys),
      form: () => survey({ surveyedOn: future(30) }),
      status: 422,
      says: field('donations.receivedInFuture'),
    },
    {
      name: 'date "yesterday"',
      ...post('applicant', surveys),
      form: () => survey({ surveyedOn: 'yesterday' }),
      status: 422,
      says: field('validation.date'),
    },
    {
      name: 'missing title',
      ...post('applicant', surveys),
      form: () => survey({ title: '' }),
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'negative groups',
      ...post('applicant', surveys),
      form: () => survey({ groupsCount: '-3' }),
      status: 422,
      says: field('directory.badCount'),
    },
    {
      name: 'asset outside the vocabulary',
      ...post('applicant', surveys),
      form: () => survey({ assets: 'gold-mine' }),
      status: 422,
      says: notice('errors.validation'),
    },
    {
      name: 'organisation id that is not an ObjectId',
      ...post('applicant', surveys),
      form: () => survey({ byOrgId: 'zzz' }),
      status: 422,
      says: notice('errors.validation'),
    },
    {
      name: 'unknown area code',
      ...post('applicant', '/areas/99/surveys'),
      form: () => survey(),
      status: 404,
      says: page('directory.areaNotFound'),
    },
    {
      name: 'area code with path traversal',
      ...post('applicant', '/areas/..%2F90/surveys'),
      form: () => survey(),
      status: 404,
      says: page('directory.areaNotFound'),
    },
    {
      name: '10k-character notes',
      ...post('applicant', surveys),
      form: () => survey({ potentialText: LONG }),
      status: 422,
      says: field('validation.tooLong', { max: 3000 }),
    },
    {
      name: 'script in title (date wrong)',
      ...post('applicant', surveys),
      form: () => survey({ title: SCRIPT, surveyedOn: 'soon' }),
      status: 422,
      says: field('validation.date'),
      escaped: true,
    },
    {
      name: 'script in needs (count wrong)',
      ...post('applicant', surveys),
      form: () => survey({ needsText: SCRIPT, leadersCount: 'many' }),
      status: 422,
      says: field('directory.badCount'),
      escaped: true,
    },
    {
      name: 'title[$gt]',
      ...post('applicant', surveys),
      form: () => survey({ title: { $gt: '' } }),
      status: 400,
      says: page('errors.operatorKey'),
    },
  ]);
}

// Grants: applications, attachments, transitions, reviews, awards, tranches, reports, calls.
{
  const save = () => `/applications/${ids.draftApp}`;
  const amountWrong = field('donations.amountInvalid');
  add('POST /applications/:id', [
    {
      name: 'negative unit cost',
      ...post('applicant', save),
      form: application({ 'budget[0][unitCost]': '-100' }),
      status: 422,
      says: amountWrong,
    },
    {
      name: 'fractional satang unit cost',
      ...post('applicant', save),
      form: application({ 'budget[0][unitCost]': '10.005' }),
      status: 422,
      says: amountWrong,
    },
    {
      name: 'overflowing unit cost',
      ...post('applicant', save),
      form: application({ 'budget[0][unitCost]': '99999999999999999999' }),
      status: 422,
      says: amountWrong,
    },
    {
      name: 'zero quantity',
      ...post('applicant', save),
      form: application({ 'budget[0][quantity]': '0' }),
      status: 422,
      says: field('grants.quantityNeeded'),
    },
    {
      name: 'negative quantity',
      ...post('applicant', save),
      form: application({ 'budget[0][quantity]': '-2' }),
      status: 422,
      says: field('validation.invalid'),
    },
    {
      name: 'negative co-funding',
      ...post('applicant', save),
      form: application({ 'cofunding[0][source]': 'อบต.', 'cofunding[0][amount]': '-5' }),
      status: 422,
      says: amountWrong,
    },
    {
      name: '51 budget lines (at most 50)',
      ...post('applicant', save),
      form: application(
        Object.fromEntries(
          Array.from({ length: 51 }, (_, i) => [
            [`budget[${i}][item]`, `รายการ ${i}`],
            [`budget[${i}][quantity]`, '1'],
            [`budget[${i}][unitCost]`, '10'],
          ]).flat(),
        ),
      ),
      status: 422,
      says: field('validation.tooMany'),
    },
    {
      name: 'negative beneficiaries',
      ...post('applicant', save),
      form: application({ beneficiaries: '-80' }),
      status: 422,
      says: field('validation.invalid'),
    },
    {
      name: 'unknown province',
      ...post('applicant', save),
      form: application({ provinceCode: '99' }),
      status: 422,
      says: field('directory.badArea'),
    },
    {
      name: '10k-character title',
      ...post('applicant', save),
      form: application({ title: LONG }),
      status: 422,
      says: field('validation.tooLong', { max: 300 }),
    },
    {
      name: 'script in title (unit cost wrong)',
      ...post('applicant', save),
      form: application({ title: SCRIPT, 'budget[0][unitCost]': 'abc' }),
      status: 422,
      says: amountWrong,
      escaped: true,
    },
    {
      name: 'script in problem (unit cost wrong)',
      ...post('applicant', save),
      form: application({ problem: SCRIPT, 'budget[0][unitCost]': '-1' }),
      status: 422,
      says: amountWrong,
      escaped: true,
    },
    {
      name: 'script in a budget item (unit cost wrong)',
      ...post('applicant', save),
      form: application({ 'budget[0][item]': SCRIPT, 'budget[0][unitCost]': '-1' }),
      status: 422,
      says: amountWrong,
      escaped: true,
    },
    {
      name: 'budget[0][unitCost][$gt]',
      ...post('applicant', save),
      raw: 'title=x&intent=save&budget[0][item]=a&budget[0][quantity]=1&budget[0][unitCost][$gt]=0',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'status smuggled as a dotted key',
      ...post('applicant', save),
      form: application({ 'status.x': 'approved' }),
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'budget as text instead of rows',
      ...post('applicant', save),
      form: application({
        'budget[0][item]': undefined,
        'budget[0][quantity]': undefined,
        'budget[0][unitCost]': undefined,
        budget: 'lots',
      }),
      status: 422,
      says: field('validation.invalid'),
    },
    {
      name: 'application id that is not an ObjectId',
      ...post('applicant', '/applications/not-an-id'),
      form: application(),
      status: 404,
      says: page('grants.applicationNotFound'),
    },
  ]);
  const move = () => `/applications/${ids.draftApp}/transitions`;
  add('POST /applications/:id/transitions', [
    {
      name: 'unknown action',
      ...post('applicant', move),
      form: { action: 'explode' },
      status: 422,
      says: page('validation.choice'),
    },
    { name: 'missing action', ...post('applicant', move), form: {}, status: 422, says: page('validation.choice') },
    {
      name: 'withdraw without the confirming tick',
      ...post('applicant', move),
      form: { action: 'withdraw' },
      status: 422,
      says: page('grants.withdrawConfirm'),
    },
    {
      name: 'action[$in]',
      ...post('applicant', move),
      raw: 'action[$in][]=approve',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'approving a draft',
      ...post('applicant', move),
      form: { action: 'approve' },
      status: 409,
      says: page('errors.invalidTransition'),
    },
  ]);
  const attach = () => `/applications/${ids.draftApp}/attachments`;
  const file = (content: Buffer, filename: string, contentType: string): { files: Upload[] } => ({
    files: [{ field: 'attachments', content, filename, contentType }],
  });
  // A refused file comes back on the application form, the message beside the file field (not an error page).
  const fileType = field('validation.fileType');
  add('POST /applications/:id/attachments', [
    {
      name: 'text named .pdf sent as application/pdf',
      ...post('applicant', attach),
      multipart: file(Buffer.from('just some text, not a PDF'), 'plan.pdf', 'application/pdf'),
      status: 422,
      says: fileType,
    },
    {
      name: 'a Windows program (.exe)',
      ...post('applicant', attach),
      multipart: file(
        Buffer.from('MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode'),
        'setup.exe',
        'application/x-msdownload',
      ),
      status: 422,
      says: fileType,
    },
    {
      name: 'a program renamed .pdf',
      ...post('applicant', attach),
      multipart: file(Buffer.from('MZ\x90\x00 not a pdf'), 'budget.pdf', 'application/pdf'),
      status: 422,
      says: fileType,
    },
    {
      name: 'HTML with a script named .pdf',
      ...post('applicant', attach),
      multipart: file(Buffer.from(`<html>${SCRIPT}</html>`), 'report.pdf', 'application/pdf'),
      status: 422,
      says: fileType,
    },
    {
      name: 'SVG with a script named .png',
      ...post('applicant', attach),
      multipart: file(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${SCRIPT}</svg>`), 'photo.png', 'image/png'),
      status: 422,
      says: fileType,
    },
    {
      name: 'path traversal ../../etc/passwd.pdf that is not a PDF',
      ...post('applicant', attach),
      multipart: file(Buffer.from('root:x:0:0:root:/root:/bin/bash\n'), '../../etc/passwd.pdf', 'application/pdf'),
      status: 422,
      says: fileType,
    },
    {
      name: 'path traversal ..\\..\\x.pdf that is not a PDF',
      ...post('applicant', attach),
      multipart: file(Buffer.from('hello'), '..\\..\\x.pdf', 'application/pdf'),
      status: 422,
      says: fileType,
    },
    {
      name: 'an empty file',
      ...post('applicant', attach),
      multipart: file(Buffer.alloc(0), 'empty.pdf', 'application/pdf'),
      status: 422,
      says: field('validation.fileEmpty'),
    },
    {
      name: 'no file at all',
      ...post('applicant', attach),
      multipart: { fields: { note: 'x' }, files: [] },
      status: 422,
      says: field('grants.applicant.chooseFile'),
    },
    {
      name: 'a PDF over 10 MB',
      ...post('applicant', attach),
      multipart: () => file(HUGE_PDF, 'big.pdf', 'application/pdf'),
      status: 422,
      says: field('validation.fileTooLarge', { mb: 10 }),
    },
    {
      name: 'eleven files (at most 10)',
      ...post('applicant', attach),
      multipart: {
        files: Array.from({ length: 11 }, (_, i) => ({
          field: 'attachments',
          content: PDF,
          filename: `f${i}.pdf`,
          contentType: 'application/pdf',
        })),
      },
      status: 422,
      says: field('validation.tooManyFiles', { max: 10 }),
    },
    {
      name: 'one good PDF with one bad file: nothing half-attached',
      ...post('applicant', attach),
      multipart: {
        files: [
          { field: 'attachments', content: PDF, filename: 'good.pdf', contentType: 'application/pdf' },
          { field: 'attachments', content: Buffer.from('bad'), filename: 'bad.pdf', contentType: 'application/pdf' },
        ],
      },
      status: 422,
      says: fileType,
    },
    {
      name: 'to an application in review (not editable)',
      ...post('applicant', () => `/applications/${ids.reviewApp}/attachments`),
      multipart: file(PDF, 'late.pdf', 'application/pdf'),
      status: 409,
      says: page('grants.notEditable'),
    },
  ]);
  const score = () => `/reviews/${ids.reviewApp}`;
  add('POST /reviews/:applicationId', [
    {
      name: 'score above the scale',
      ...post('reviewer', score),
      form: review({ 'scores[need]': '9' }),
      status: 422,
      says: field('grants.score.out_of_scale', { min: 1, max: 5 }),
    },
    {
      name: 'negative score',
      ...post('reviewer', score),
      form: review({ 'scores[need]': '-1' }),
      status: 422,
      says: field('grants.score.out_of_scale', { min: 1, max: 5 }),
    },
    {
      name: 'non-numeric score',
      ...post('reviewer', score),
      form: review({ 'scores[need]': 'abc' }),
      status: 422,
      says: field('grants.score.not_integer'),
    },
    {
      name: 'fractional score',
      ...post('reviewer', score),
      form: review({ 'scores[need]': '3.5' }),
      status: 422,
      says: field('grants.score.not_integer'),
    },
    {
      name: 'score for a criterion the call does not have',
      ...post('reviewer', score),
      form: review({ 'scores[bribe]': '5' }),
      status: 422,
      says: summary('grants.score.unknown_criterion'),
    },
    {
      name: 'submitted with a score missing',
      ...post('reviewer', score),
      form: review({ 'scores[community]': '', intent: 'submit' }),
      status: 422,
      says: field('grants.score.missing'),
    },
    {
      name: 'submitted without a recommendation',
      ...post('reviewer', score),
      form: review({ recommendation: '', intent: 'submit' }),
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'recommendation outside the vocabulary',
      ...post('reviewer', score),
      form: review({ recommendation: 'maybe' }),
      status: 422,
      says: page('validation.invalid'),
    },
    {
      name: 'intent "publish"',
      ...post('reviewer', score),
      form: review({ intent: 'publish' }),
      status: 422,
      says: page('validation.choice'),
    },
    {
      name: 'scores[need][$gt]',
      ...post('reviewer', score),
      raw: 'scores[need][$gt]=0&intent=save',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: '10k-character comment for staff',
      ...post('reviewer', score),
      form: review({ commentForStaff: 'x'.repeat(10_001) }),
      status: 422,
      says: page('validation.tooLong', { max: 10000 }),
    },
  ]);
  const clear = () => `/applications/${ids.reviewApp}/reviews/${ids.review}/clear-conflict`;
  add('POST /applications/:id/reviews/:reviewId/clear-conflict', [
    { name: 'no note', ...post('staff', clear), form: { note: '' }, status: 422, says: page('validation.required') },
    {
      name: '10k-character note',
      ...post('staff', clear),
      form: { note: LONG },
      status: 422,
      says: page('validation.tooLong', { max: 2000 }),
    },
    {
      name: 'note as a list',
      ...post('staff', clear),
      form: { note: ['a', 'b'] },
      status: 422,
      says: page('validation.invalid'),
    },
    { name: 'note[$ne]', ...post('staff', clear), raw: 'note[$ne]=x', status: 400, says: page('errors.operatorKey') },
    {
      name: 'review id that is not an ObjectId',
      ...post('staff', () => `/applications/${ids.reviewApp}/reviews/nope/clear-conflict`),
      form: { note: 'ตรวจแล้ว' },
      status: 404,
      says: page('grants.reviewNotFound'),
    },
    {
      name: 'a review that was never flagged',
      ...post('staff', clear),
      form: { note: 'ตรวจแล้ว' },
      status: 409,
      says: page('grants.notFlagged'),
    },
  ]);
  const declare = () => `/reviews/${ids.conflictApp}/conflict`;
  add('POST /reviews/:applicationId/conflict', [
    {
      name: 'answer "maybe"',
      ...post('reviewer', declare),
      form: { conflict: 'maybe' },
      status: 422,
      says: page('validation.choice'),
    },
    { name: 'no answer', ...post('reviewer', declare), form: {}, status: 422, says: page('validation.choice') },
    {
      name: '10k-character note',
      ...post('reviewer', declare),
      form: { conflict: 'yes', note: LONG },
      status: 422,
      says: page('validation.tooLong', { max: 2000 }),
    },
    {
      name: 'conflict[$ne]',
      ...post('reviewer', declare),
      raw: 'conflict[$ne]=yes',
      status: 400,
      says: page('errors.operatorKey'),
    },
  ]);
  const award = () => `/applications/${ids.approvedApp}/award`;
  add('POST /applications/:id/award', [
    {
      name: 'negative amount',
      ...post('staff', award),
      form: { amount: '-10000' },
      status: 422,
      says: field('donations.amountInvalid'),
    },
    {
      name: 'fractional satang',
      ...post('staff', award),
      form: { amount: '10000.005' },
      status: 422,
      says: field('donations.amountInvalid'),
    },
    {
      name: 'zero',
      ...post('staff', award),
      form: { amount: '0' },
      status: 422,
      says: field('donations.amountInvalid'),
    },
    {
      name: 'above what was asked',
      ...post('staff', award),
      form: { amount: '20,000.01' },
      status: 422,
      says: field('grants.award.above_requested'),
    },
    {
      name: 'above the maximum of all amounts',
      ...post('staff', award),
      form: { amount: '200000000' },
      status: 422,
      says: field('donations.amountAboveLimit'),
    },
    {
      name: 'letters',
      ...post('staff', award),
      form: { amount: 'ten thousand' },
      status: 422,
      says: field('donations.amountInvalid'),
    },
    {
      name: 'above what was asked, from the decision view',
      ...post('staff', award),
      form: { amount: '20,000.01', from: 'decisions' },
      status: 422,
      says: field('grants.award.above_requested'),
    },
    {
      name: 'from a page that is not one',
      ...post('staff', award),
      form: { amount: '10000', from: 'elsewhere' },
      status: 422,
      says: notice('errors.validation'),
    },
    {
      name: 'JSON: a negative number',
      ...post('staff', award),
      json: { amount: -5 },
      status: 422,
      says: json('errors.validation', { amount: 'validation.invalid' }),
    },
    {
      name: 'to an application not approved',
      ...post('staff', () => `/applications/${ids.reviewApp}/award`),
      form: { amount: '10000' },
      status: 409,
      says: page('grants.notApproved'),
    },
  ]);
  add('POST /applications/:id/decide', [
    {
      name: 'a decision outside the three',
      ...post('staff', () => `/applications/${ids.approvedApp}/decide`),
      form: { action: 'award' },
      status: 422,
      says: page('validation.choice'),
    },
    {
      name: 'action[$ne]',
      ...post('staff', () => `/applications/${ids.approvedApp}/decide`),
      raw: 'action[$ne]=approve',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: '10k-character letter',
      ...post('staff', () => `/applications/${ids.approvedApp}/decide`),
      form: { action: 'decline', letter: 'x'.repeat(10_001) },
      status: 422,
      says: page('validation.tooLong', { max: 10000 }),
    },
  ]);
  const pay = (n: string) => () => `/awards/${ids.award}/tranches/${n}/pay`;
  add('POST /awards/:awardId/tranches/:number/pay', [
    {
      name: 'no transfer reference',
      ...post('staff', pay('1')),
      form: {},
      status: 422,
      says: page('validation.required'),
    },
    {
      name: '10k-character reference',
      ...post('staff', pay('1')),
      form: { reference: LONG },
      status: 422,
      says: page('validation.tooLong', { max: 200 }),
    },
    {
      name: 'tranche "abc"',
      ...post('staff', pay('abc')),
      form: { reference: 'โอน 1' },
      status: 404,
      says: page('grants.trancheNotFound'),
    },
    {
      name: 'tranche -1',
      ...post('staff', pay('-1')),
      form: { reference: 'โอน 1' },
      status: 404,
      says: page('grants.trancheNotFound'),
    },
    {
      name: 'tranche 2 before its report',
      ...post('staff', pay('2')),
      form: { reference: 'โอน 2' },
      status: 409,
      says: page('grants.trancheLocked'),
    },
    {
      name: 'award id that is not an ObjectId',
      ...post('staff', '/awards/xyz/tranches/1/pay'),
      form: { reference: 'โอน 1' },
      status: 404,
      says: page('grants.awardNotFound'),
    },
  ]);
  const report = () => `/awards/${ids.award}/reports/${ids.progress}`;
  add('POST /awards/:awardId/reports/:reportId', [
    {
      name: 'no narrative',
      ...post('applicant', report),
      form: { narrative: ' ' },
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'negative spending',
      ...post('applicant', report),
      form: { narrative: 'ทำแล้ว', 'spending[0][line]': '0', 'spending[0][spent]': '-500' },
      status: 422,
      says: listed('donations.amountInvalid'),
    },
    {
      name: 'spending on a budget line out of range',
      ...post('applicant', report),
      form: { narrative: 'ทำแล้ว', 'spending[0][line]': '99', 'spending[0][spent]': '500' },
      status: 422,
      says: listed('validation.tooBig', { max: 49 }),
    },
    {
      name: 'spending on a budget line the project does not have',
      ...post('applicant', report),
      form: { narrative: 'ทำแล้ว', 'spending[0][line]': '7', 'spending[0][spent]': '500' },
      status: 422,
      says: listed('grants.unknownBudgetLine'),
    },
    {
      name: '30k-character narrative',
      ...post('applicant', report),
      form: { narrative: 'x'.repeat(30_000) },
      status: 422,
      says: field('validation.tooLong', { max: 20000 }),
    },
    {
      name: 'a photo that is not an image',
      ...post('applicant', report),
      multipart: {
        fields: { narrative: 'ทำแล้ว' },
        files: [
          {
            field: 'photos',
            content: Buffer.from('GIF89a not allowed'),
            filename: 'photo.png',
            contentType: 'image/png',
          },
        ],
      },
      status: 422,
      says: field('validation.fileType'),
    },
    {
      name: 'row index 300,000,000 in a multipart report (refused before any array is built)',
      ...post('applicant', report),
      multipart: { fields: { narrative: 'ทำแล้ว', 'spending[300000000][line]': '0' }, files: [] },
      status: 400,
      says: page('errors.formTooLarge', { max: 1000 }),
    },
    {
      name: 'row index 300,000,000 in an urlencoded report',
      ...post('applicant', report),
      form: { narrative: 'ทำแล้ว', 'spending[300000000][line]': '0' },
      status: 400,
      says: page('errors.formTooLarge', { max: 1000 }),
    },
    {
      name: 'report id that is not an ObjectId',
      ...post('applicant', () => `/awards/${ids.award}/reports/nope`),
      form: { narrative: 'ทำแล้ว' },
      status: 404,
      says: page('grants.reportNotFound'),
    },
  ]);
  add('POST /calls/:id/applications', [
    {
      name: 'organisation id that is not an ObjectId',
      ...post('applicant', () => `/calls/${ids.call}/applications`),
      form: { orgId: 'zzz' },
      status: 422,
      says: page('validation.choice'),
    },
    {
      name: 'orgId[$ne]',
      ...post('applicant', () => `/calls/${ids.call}/applications`),
      raw: 'orgId[$ne]=x',
      status: 400,
      says: page('errors.operatorKey'),
    },
  ]);
  const newCall = (name: string, over: Fields, says: Check, escaped = false) => ({
    name,
    ...post('staff', '/admin/calls'),
    form: callForm(over),
    status: 422,
    says,
    escaped,
  });
  add('POST /admin/calls', [
    newCall(
      'closes before it opens',
      { opensAt: '2027-02-01T09:00', closesAt: '2027-01-01T09:00' },
      field('grants.closesBeforeOpens'),
    ),
    newCall('opens on 2026-02-30', { opensAt: '2026-02-30T09:00' }, field('validation.dateTime')),
    newCall('closes at 25:00', { closesAt: '2027-02-01T25:00' }, field('validation.dateTime')),
    newCall('negative weight', { 'criteria[0][weight]': '-1' }, field('validation.tooSmall', { min: 1 })),
    newCall('weight of letters', { 'criteria[0][weight]': 'heavy' }, field('validation.invalid')),
    newCall('tranches summing to 90', { tranches: '60, 30' }, field('grants.tranchesFormat')),
    newCall('tranches with a zero', { tranches: '100, 0' }, field('grants.tranchesFormat')),
    newCall('tranches of words', { tranches: 'half and half' }, field('grants.tranchesFormat')),
    newCall('negative budget', { budget: '-500000' }, field('donations.amountInvalid')),
    newCall('fractional satang maximum', { maxPerGrant: '100.005' }, field('donations.amountInvalid')),
    newCall('maximum per grant above the budget', { maxPerGrant: '600,000' }, field('grants.maxAboveBudget')),
    newCall('scale maximum below its minimum', { scaleMin: '5', scaleMax: '3' }, field('grants.scaleEmpty')),
    newCall('unknown fund', { fundSlug: 'no-such-fund' }, field('grants.unknownFund')),
    newCall(
      'committee member who is no reviewer',
      { committee: 'nobody@example.org' },
      field('grants.committeeUnknown', { emails: 'nobody@example.org' }),
    ),
    newCall('three stages', { stages: '3' }, notice('errors.validation')),
    newCall('no criteria', { 'criteria[0][nameTh]': '', 'criteria[0][weight]': '' }, field('grants.criteriaNeeded')),
    newCall(
      '21 criteria (at most 20)',
      Object.fromEntries(
        Array.from({ length: 21 }, (_, i) => [
          [`criteria[${i}][nameTh]`, `เกณฑ์ ${i}`],
          [`criteria[${i}][weight]`, '1'],
        ]).flat(),
      ),
      field('validation.tooMany'),
    ),
    newCall('missing Thai title', { titleTh: '' }, field('validation.required')),
    newCall('10k-character title', { titleTh: LONG }, field('validation.tooLong', { max: 200 })),
    newCall(
      'script in the title (dates wrong)',
      { titleTh: SCRIPT, opensAt: 'tomorrow' },
      field('validation.dateTime'),
      true,
    ),
    newCall(
      'script in the description (tranches wrong)',
      { descriptionTh: SCRIPT, tranches: '1' },
      field('grants.tranchesFormat'),
      true,
    ),
    {
      name: 'fundSlug[$ne]',
      ...post('staff', '/admin/calls'),
      form: callForm({ fundSlug: { $ne: '' } }),
      status: 400,
      says: page('errors.operatorKey'),
    },
  ]);
  const editCall = () => `/admin/calls/${ids.call}`;
  add('POST /admin/calls/:id', [
    {
      name: 'closes before it opens',
      ...post('staff', editCall),
      form: callForm({ opensAt: '2027-03-01T09:00', closesAt: '2027-01-01T09:00' }),
      status: 422,
      says: field('grants.closesBeforeOpens'),
    },
    {
      name: 'tranches summing to 110',
      ...post('staff', editCall),
      form: callForm({ tranches: '60, 50' }),
      status: 422,
      says: field('grants.tranchesFormat'),
    },
    {
      name: 'negative reviewers per application',
      ...post('staff', editCall),
      form: callForm({ reviewsPerApplication: '-2' }),
      status: 422,
      says: field('validation.tooSmall', { min: 1 }),
    },
    {
      name: 'script in the English title (budget wrong)',
      ...post('staff', editCall),
      form: callForm({ titleEn: SCRIPT, budget: 'lots' }),
      status: 422,
      says: field('donations.amountInvalid'),
      escaped: true,
    },
    {
      name: 'call id that is not an ObjectId',
      ...post('staff', '/admin/calls/not-an-id'),
      form: callForm(),
      status: 404,
      says: page('grants.callNotFound'),
    },
  ]);
}

// Staff money pages and people.
{
  const gift = (name: string, over: Fields, status: number, says: Check, escaped = false) => ({
    name,
    ...post('staff', '/admin/donations'),
    form: offline(over),
    status,
    says,
    escaped,
  });
  add('POST /admin/donations', [
    gift('negative amount', { amount: '-1000' }, 422, field('donations.amountInvalid')),
    gift('donor language "fr"', { donorLocale: 'fr' }, 422, field('validation.choice')),
    gift('donor language as a list', { donorLocale: ['th', 'en'] }, 422, field('validation.choice')),
    gift('fractional satang', { amount: '10.005' }, 422, field('donations.amountInvalid')),
    gift('zero', { amount: '0' }, 422, field('donations.amountInvalid')),
    gift('above the largest amount accepted', { amount: '200,000,000' }, 422, field('donations.amountAboveLimit')),
    gift('misplaced thousands separators', { amount: '1,0,0' }, 422, field('donations.amountSeparators')),
    gift('received on 2026-02-30', { receivedAt: '2026-02-30' }, 422, field('validation.date')),
    gift('received in the future', { receivedAt: future(10) }, 422, field('donations.receivedInFuture')),
    gift('online is not an offline channel', { channel: 'online' }, 422, field('validation.choice')),
    gift('campaign short name with spaces', { campaign: 'bed care' }, 422, field('donations.campaignSlugInvalid')),
    gift('unknown fund', { fund: 'no-such-fund' }, 404, page('funds.notFound')),
    gift(
      'Thai ID with a wrong check digit',
      { wantsTaxReceipt: 'on', taxFullName: 'ก', taxAddress: 'ข', taxId: WRONG_CHECKSUM_ID },
      422,
      field('donations.taxIdInvalid'),
    ),
    gift(
      'tax receipt without a name',
      { wantsTaxReceipt: 'on', taxAddress: 'ข', taxId: VALID_ID },
      422,
      field('validation.required'),
    ),
    gift('invalid email', { email: 'off@' }, 422, field('validation.email')),
    gift(
      'script in the donor name (amount wrong)',
      { name: SCRIPT, amount: 'abc' },
      422,
      field('donations.amountInvalid'),
      true,
    ),
    gift(
      'script in the reference (date wrong)',
      { reference: SCRIPT, receivedAt: '2026-13-01' },
      422,
      field('validation.date'),
      true,
    ),
    gift('amount[$gt]', { amount: { $gt: '0' } }, 400, page('errors.operatorKey')),
  ]);
  const refund = () => `/admin/donations/${ids.gift}/refund`;
  add('POST /admin/donations/:id/refund', [
    {
      name: 'more than the gift',
      ...post('staff', refund),
      form: () => ({ amount: '1,000.01', submissionId: randomUUID() }),
      status: 422,
      says: page('donations.refundTooLarge', { max: 1000 }),
    },
    {
      name: 'negative',
      ...post('staff', refund),
      form: () => ({ amount: '-100', submissionId: randomUUID() }),
      status: 422,
      says: page('donations.amountInvalid'),
    },
    {
      name: 'zero',
      ...post('staff', refund),
      form: () => ({ amount: '0', submissionId: randomUUID() }),
      status: 422,
      says: page('donations.amountInvalid'),
    },
    {
      name: 'fractional satang',
      ...post('staff', refund),
      form: () => ({ amount: '0.005', submissionId: randomUUID() }),
      status: 422,
      says: page('donations.amountInvalid'),
    },
    {
      name: 'submission id that is not a UUID',
      ...post('staff', refund),
      form: { amount: '100', submissionId: 'again' },
      status: 422,
      says: page('validation.invalid'),
    },
    {
      name: 'an online gift (refunded in Stripe)',
      ...post('staff', () => `/admin/donations/${ids.onlineGift}/refund`),
      form: () => ({ amount: '100', submissionId: randomUUID() }),
      status: 409,
      says: page('donations.refundOnlineInStripe'),
    },
    {
      name: 'a gift never paid',
      ...post('staff', () => `/admin/donations/${ids.pendingGift}/refund`),
      form: () => ({ amount: '100', submissionId: randomUUID() }),
      status: 409,
      says: page('donations.refundNotPaid'),
    },
    {
      name: 'gift id that is not an ObjectId',
      ...post('staff', '/admin/donations/nope/refund'),
      form: () => ({ amount: '100', submissionId: randomUUID() }),
      status: 404,
      says: page('donations.giftNotFound'),
    },
  ]);
  const adjust = (name: string, over: Fields, status: number, says: Check, escaped = false) => ({
    name,
    ...post('staff', '/admin/ledger/adjust'),
    form: adjustment(over),
    status,
    says,
    escaped,
  });
  add('POST /admin/ledger/adjust', [
    adjust('direction "sideways"', { direction: 'sideways' }, 422, field('validation.choice')),
    adjust('negative amount', { amount: '-1000' }, 422, field('donations.amountInvalid')),
    adjust('fractional satang', { amount: '0.001' }, 422, field('donations.amountInvalid')),
    adjust('above the largest amount accepted', { amount: '200000000' }, 422, field('donations.amountAboveLimit')),
    adjust('no memo', { memo: '' }, 422, field('validation.required')),
    adjust(
      'a debit from a fund with no money',
      { fund: 'media', direction: 'debit', amount: '1,000' },
      422,
      field('donations.debitAboveAvailable', { available: formatSatang(0) }),
    ),
    // The elderly fund: ฿1,000,000 given, ฿30,000 awarded.
    adjust(
      'a debit above what the fund has',
      { direction: 'debit', amount: '970,000.01' },
      422,
      field('donations.debitAboveAvailable', { available: formatSatang(970_000_00) }),
    ),
    adjust('unknown fund', { fund: 'no-such-fund' }, 422, notice('errors.validation')),
    adjust(
      'script in the memo (amount wrong)',
      { memo: SCRIPT, amount: 'lots' },
      422,
      field('donations.amountInvalid'),
      true,
    ),
    adjust(
      'amountSatang smuggled as a dotted key',
      { 'entry.amountSatang': '-99999999' },
      400,
      page('errors.operatorKey'),
    ),
  ]);
  const newCampaign = (name: string, over: Fields, status: number, says: Check, escaped = false) => ({
    name,
    ...post('staff', '/admin/campaigns'),
    form: campaign(over),
    status,
    says,
    escaped,
  });
  add('POST /admin/campaigns', [
    newCampaign('slug with spaces and capitals', { slug: 'Bad Slug!' }, 422, field('donations.campaignSlugInvalid')),
    newCampaign('slug with path traversal', { slug: '../admin' }, 422, field('donations.campaignSlugInvalid')),
    newCampaign('slug in Thai', { slug: 'ทุนการศึกษา' }, 422, field('donations.campaignSlugInvalid')),
    newCampaign('slug already taken', { slug: 'existing-campaign' }, 409, field('donations.campaignSlugTaken')),
    newCampaign('ends in the past', { endsOn: '2020-01-01' }, 422, field('donations.endInPast')),
    newCampaign('ends on 2026-02-30', { endsOn: '2026-02-30' }, 422, field('validation.date')),
    newCampaign('negative goal', { goal: '-1' }, 422, field('donations.amountInvalid')),
    newCampaign('missing Thai name', { nameTh: '' }, 422, field('validation.required')),
    newCampaign('unknown fund', { fund: 'no-such-fund' }, 422, field('validation.choice')),
    newCampaign(
      'script in the name (goal wrong)',
      { nameTh: SCRIPT, goal: 'x' },
      422,
      field('donations.amountInvalid'),
      true,
    ),
    newCampaign(
      'script in the description (date wrong)',
      { descriptionTh: SCRIPT, endsOn: 'never' },
      422,
      field('validation.date'),
      true,
    ),
  ]);
  const roles = () => `/admin/users/${ids.donorId}/roles`;
  add('POST /admin/users/:id/roles', [
    {
      name: 'unknown role',
      ...post('admin', roles),
      form: { roles: 'root' },
      status: 422,
      says: page('validation.invalid'),
    },
    {
      name: 'a known role with an unknown one',
      ...post('admin', roles),
      form: { roles: ['reviewer', 'god'] },
      status: 422,
      says: page('validation.invalid'),
    },
    {
      name: 'roles[$in]',
      ...post('admin', roles),
      raw: 'roles[$in][]=admin',
      status: 400,
      says: page('errors.operatorKey'),
    },
    {
      name: 'user id that is not an ObjectId',
      ...post('admin', '/admin/users/not-an-id/roles'),
      form: { roles: 'reviewer' },
      status: 404,
      says: page('accounts.userNotFound'),
    },
    {
      name: 'user id of nobody',
      ...post('admin', `/admin/users/${'0'.repeat(24)}/roles`),
      form: { roles: 'reviewer' },
      status: 404,
      says: page('accounts.userNotFound'),
    },
    {
      name: 'an admin dropping their own admin role',
      ...post('admin', () => `/admin/users/${ids.adminId}/roles`),
      form: { roles: 'staff' },
      status: 403,
      says: page('accounts.cannotDropOwnAdmin'),
    },
  ]);
}

// The foundation's pages and details (staff), and the person's own data (deletion requests).
const sitePage = (over: Fields = {}): Fields => ({
  version: '1',
  titleTh: 'เกี่ยวกับมูลนิธิ',
  titleEn: 'About',
  bodyTh: 'ย่อหน้า\n\n- ข้อหนึ่ง',
  bodyEn: 'Paragraph',
  ...over,
});
const siteDetails = (over: Fields = {}): Fields => ({
  version: '0',
  registrationNumber: 'สข. 12/2552',
  addressTh: '1 ถนนราชดำเนิน สงขลา',
  addressEn: '1 Ratchadamnoen Rd, Songkhla',
  phone: '074 123 456',
  email: 'office@example.org',
  officeHoursTh: 'จันทร์–ศุกร์',
  officeHoursEn: 'Mon–Fri',
  ...over,
});
{
  const edit = (name: string, over: Fields, status: number, says: Check, escaped = false) => ({
    name,
    ...post('staff', '/admin/pages/about'),
    form: sitePage(over),
    status,
    says,
    escaped,
  });
  add('POST /admin/pages/:slug', [
    edit('empty Thai title', { titleTh: '' }, 422, field('validation.required')),
    edit(
      'English body over 20,000 characters',
      { bodyEn: 'x'.repeat(20_001) },
      422,
      field('validation.tooLong', { max: 20_000 }),
    ),
    edit('Thai body as a list', { bodyTh: ['a', 'b'] }, 422, field('validation.invalid')),
    edit(
      'script in the title (Thai body empty)',
      { titleEn: SCRIPT, bodyTh: '' },
      422,
      field('validation.required'),
      true,
    ),
    edit('version that is not a number', { version: 'latest' }, 422, notice('errors.validation')),
    edit('a form opened on an older version', { version: '0' }, 409, notice('pages.editedMeanwhile')),
    edit('title[$ne]', { title: { $ne: '' } }, 400, page('errors.operatorKey')),
    {
      name: 'a page the site does not have',
      ...post('staff', '/admin/pages/terms'),
      form: sitePage(),
      status: 404,
      says: page('pages.notFound'),
    },
  ]);
  const details = (name: string, over: Fields, status: number, says: Check, escaped = false) => ({
    name,
    ...post('staff', '/admin/pages/details'),
    form: siteDetails(over),
    status,
    says,
    escaped,
  });
  add('POST /admin/pages/details', [
    details('email without a domain', { email: 'office@' }, 422, field('validation.email')),
    details('letters for a phone number', { phone: 'call us' }, 422, field('pages.phoneInvalid')),
    details('no Thai address', { addressTh: '' }, 422, field('validation.required')),
    details(
      'registration number over 60 characters',
      { registrationNumber: '1'.repeat(61) },
      422,
      field('validation.tooLong', { max: 60 }),
    ),
    details(
      'script in the office hours (email wrong)',
      { officeHoursEn: SCRIPT, email: 'x' },
      422,
      field('validation.email'),
      true,
    ),
    details('a version from the future', { version: '5' }, 409, notice('pages.editedMeanwhile')),
  ]);
  add('POST /account/deletion-request', [
    {
      name: 'not confirmed',
      ...post('donor', '/account/deletion-request'),
      form: { reason: 'ลบให้ด้วย' },
      status: 422,
      says: field('myData.confirmRequired'),
    },
    {
      name: 'confirmed with "yes"',
      ...post('donor', '/account/deletion-request'),
      form: { confirm: 'yes' },
      status: 422,
      says: field('myData.confirmRequired'),
    },
    {
      name: 'reason over 1,000 characters',
      ...post('donor', '/account/deletion-request'),
      form: { confirm: 'on', reason: 'x'.repeat(1001) },
      status: 422,
      says: field('validation.tooLong', { max: 1000 }),
    },
    {
      name: 'script in the reason (not confirmed)',
      ...post('donor', '/account/deletion-request'),
      form: { reason: SCRIPT },
      status: 422,
      says: field('myData.confirmRequired'),
      escaped: true,
    },
    {
      name: 'confirm[$ne]',
      ...post('donor', '/account/deletion-request'),
      form: { confirm: { $ne: '' } },
      status: 400,
      says: page('errors.operatorKey'),
    },
  ]);
  const resolve = () => `/admin/deletion-requests/${ids.deletion}`;
  add('POST /admin/deletion-requests/:id', [
    {
      name: 'declined without a note',
      ...post('staff', resolve),
      form: { status: 'declined', note: '' },
      status: 422,
      says: field('myData.noteRequired'),
    },
    {
      name: 'an unknown outcome',
      ...post('staff', resolve),
      form: { status: 'deleted' },
      status: 422,
      says: field('validation.choice'),
    },
    {
      name: 'note over 2,000 characters',
      ...post('staff', resolve),
      form: { status: 'done', note: 'x'.repeat(2001) },
      status: 422,
      says: field('validation.tooLong', { max: 2000 }),
    },
    {
      name: 'script in the note (outcome wrong)',
      ...post('staff', resolve),
      form: { status: 'open', note: SCRIPT },
      status: 422,
      says: field('validation.choice'),
      escaped: true,
    },
    {
      name: 'request id that is not an ObjectId',
      ...post('staff', '/admin/deletion-requests/not-an-id'),
      form: { status: 'done' },
      status: 404,
      says: page('myData.requestNotFound'),
    },
    {
      name: 'request id of nobody',
      ...post('staff', `/admin/deletion-requests/${'0'.repeat(24)}`),
      form: { status: 'done' },
      status: 404,
      says: page('myData.requestNotFound'),
    },
  ]);
}

// The public JSON API: only what must be an error (bad filters on a public read fall back to defaults).
{
  const get = (name: string, path: Lazy<string>, status: number, says: Check) => ({
    name,
    as: 'anonymous' as const,
    method: 'GET' as const,
    path,
    status,
    says,
  });
  add('GET /api/v1', [
    get('organisation id that is not an ObjectId', '/api/v1/organisations/not-an-id', 404, json('directory.notFound')),
    get('organisation id of nobody', `/api/v1/organisations/${'f'.repeat(24)}`, 404, json('directory.notFound')),
    get(
      'organisation id with an operator',
      '/api/v1/organisations/%7B%22%24ne%22%3A1%7D',
      404,
      json('directory.notFound'),
    ),
    get('matches of an unknown organisation', '/api/v1/organisations/nope/matches', 404, json('directory.notFound')),
    get('unknown fund', '/api/v1/funds/no-such-fund', 404, json('funds.notFound')),
    get('fund slug with path traversal', '/api/v1/funds/..%2F..%2Fetc%2Fpasswd', 404, json('funds.notFound')),
    get('districts of an unknown province', '/api/v1/areas/provinces/99/districts', 404, json('directory.badArea')),
    get(
      'sub-districts of a district "abc"',
      '/api/v1/areas/districts/abc/sub-districts',
      404,
      json('directory.badArea'),
    ),
    get('page[$gt]=1', '/api/v1/organisations?page[$gt]=1', 400, json('errors.operatorKey')),
    get('a dotted filter key', '/api/v1/organisations?home.provinceCode=90', 400, json('errors.operatorKey')),
    get('unknown endpoint', '/api/v1/everything', 404, json('errors.notFound')),
  ]);
}

// Staff's to-do lists (/admin/todo/:list): only the three lists exist; the page number is a plain number.
{
  const get = (name: string, path: string, status: number, says: Check) => ({
    name,
    as: 'staff' as const,
    method: 'GET' as const,
    path,
    status,
    says,
  });
  add('GET /admin/todo', [
    get('an unknown list', '/admin/todo/everything', 404, page('errors.notFound')),
    get('a list name with path traversal', '/admin/todo/..%2Fusers', 404, page('errors.notFound')),
    get('page[$gt]=1', '/admin/todo/reviews?page[$gt]=1', 400, page('errors.operatorKey')),
  ]);
}

// The accountant's pages (/admin/books): months are YYYY-MM, the ledger export spans at most 13 of them.
{
  const get = (name: string, path: string, status: number, says: Check) => ({
    name,
    as: 'staff' as const,
    method: 'GET' as const,
    path,
    status,
    says,
  });
  add('GET /admin/books', [
    get('a month 13', '/admin/books?through=2026-13', 422, page('accounting.errors.month')),
    get('through[$lte]=', '/admin/books?through[$lte]=2026-01', 400, page('errors.operatorKey')),
    get('a payout id of nobody', '/admin/books/payouts/po_nobody', 404, page('payouts.notFound')),
    get('a payout id with path traversal', '/admin/books/payouts/..%2F..%2Fetc', 404, page('payouts.notFound')),
    get('a payout id that is an operator', '/admin/books/payouts/%7B%22%24ne%22%3A1%7D', 404, page('payouts.notFound')),
    get('payouts page[$gt]=1', '/admin/books/payouts?page[$gt]=1', 400, page('errors.operatorKey')),
    get(
      'a ledger export of seven years',
      '/admin/books/general-ledger.csv?from=2020-01&to=2026-12',
      422,
      page('accounting.errors.range', { months: 13 }),
    ),
    get(
      'a ledger export ending before it starts',
      '/admin/books/general-ledger.csv?from=2026-05&to=2026-01',
      422,
      page('accounting.errors.range', { months: 13 }),
    ),
    get('a ledger export with no months', '/admin/books/general-ledger.csv', 422, page('accounting.errors.month')),
    get(
      'a month in Buddhist-era years',
      '/admin/books/general-ledger.csv?from=2569-01&to=2569-02',
      422,
      page('accounting.errors.future'),
    ),
  ]);
  add('POST /donate/thanks/:id/slip', [
    {
      name: 'a gift id that is none',
      ...post('anonymous', '/donate/thanks/nope/slip'),
      form: {},
      status: 404,
      says: page('donations.giftNotFound'),
    },
    {
      name: 'a forged link',
      ...post('anonymous', () => `/donate/thanks/${ids.gift}/slip?token=forged`),
      form: {},
      status: 403,
      says: page('donations.badLink'),
    },
    {
      name: 'the token as an operator',
      ...post('anonymous', () => `/donate/thanks/${ids.gift}/slip?token[$ne]=x`),
      form: {},
      status: 400,
      says: page('errors.operatorKey'),
    },
  ]);
  const close = (name: string, form: Fields, status: number, says: Check) => ({
    name,
    ...post('staff', '/admin/books/close'),
    form,
    status,
    says,
  });
  add('POST /admin/books/close', [
    close('no month', {}, 422, field('accounting.errors.month')),
    close('a month in words', { month: 'last month' }, 422, field('accounting.errors.month')),
    close(
      'the month not yet ended',
      { month: '2999-01', confirm: 'on' },
      422,
      field('accounting.errors.monthNotEnded'),
    ),
    close(
      'without ticking that it cannot be undone',
      { month: '2026-01' },
      422,
      field('accounting.errors.confirmClose'),
    ),
    close(
      'a confirmation that is not the box',
      { month: '2026-01', confirm: 'yes please' },
      422,
      field('accounting.errors.confirmClose'),
    ),
    close('month[$gt]=', { 'month[$gt]': '' }, 400, page('errors.operatorKey')),
  ]);

  // Bank statements: a layout of columns (A, B… or 1, 2…) and a CSV; a refused statement keeps nothing.
  const LAYOUT = {
    bankAccountId: '',
    accountName: 'ธนาคารกรุงไทย 111-2-33333-4',
    dateColumn: 'A',
    descriptionColumn: 'B',
    amountColumn: 'C',
    hasHeader: '',
  };
  const csv = (content: string | Buffer, contentType = 'text/csv', fields: Record<string, string> = LAYOUT) => ({
    fields,
    files: [
      {
        field: 'statement',
        content: Buffer.isBuffer(content) ? content : Buffer.from(content),
        filename: 'statement.csv',
        contentType,
      },
    ],
  });
  const statement = (name: string, multipart: ReturnType<typeof csv>, status: number, says: Check) => ({
    name,
    ...post('staff', '/admin/books/statements'),
    multipart,
    status,
    says,
  });
  add('POST /admin/books/statements', [
    statement(
      'fewer columns than the layout',
      csv('01/12/2569,โอน\n'),
      422,
      field('statements.errors.columns', { row: 1 }),
    ),
    statement(
      'a Buddhist-era 31 February',
      csv('31/02/2569,โอน,100\n'),
      422,
      field('statements.errors.date', { row: 1 }),
    ),
    statement('a month 13', csv('2026-13-01,โอน,100\n'), 422, field('statements.errors.date', { row: 1 })),
    statement(
      'thousands separators in the wrong places',
      csv('01/12/2569,โอน,"1,00,0"\n'),
      422,
      field('statements.errors.amount', { row: 1 }),
    ),
    statement('only empty lines', csv('\n\n,,\n\r\n'), 422, field('statements.errors.empty')),
    statement('an empty file', csv(''), 422, field('validation.fileEmpty')),
    statement(
      'a 50 MB file',
      csv(Buffer.alloc(50 * 1024 * 1024, '01/12/2569,x,1\n')),
      422,
      field('validation.fileTooLarge', { mb: 2 }),
    ),
    statement(
      'a picture named .csv',
      csv(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'text/csv'),
      422,
      field('validation.textFileType'),
    ),
    statement('no file', { fields: LAYOUT, files: [] }, 422, field('statements.errors.noFile')),
    statement(
      'a layout without a name',
      csv('01/12/2569,โอน,100\n', 'text/csv', { ...LAYOUT, accountName: '' }),
      422,
      field('statements.errors.accountName'),
    ),
    statement(
      'a column that is no column',
      csv('01/12/2569,โอน,100\n', 'text/csv', { ...LAYOUT, dateColumn: 'ZZZ' }),
      422,
      field('statements.errors.column'),
    ),
    statement(
      'no amount column at all',
      csv('01/12/2569,โอน,100\n', 'text/csv', { ...LAYOUT, amountColumn: '' }),
      422,
      field('statements.errors.amountColumn'),
    ),
    statement(
      'an account that is none',
      csv('01/12/2569,โอน,100\n', 'text/csv', { bankAccountId: 'f'.repeat(24) }),
      422,
      field('statements.errors.account'),
    ),
    statement(
      'bankAccountId[$ne]=',
      csv('01/12/2569,โอน,100\n', 'text/csv', { 'bankAccountId[$ne]': '' }),
      400,
      page('errors.operatorKey'),
    ),
  ]);
  add('GET /admin/books/statements/:id', [
    get('a statement of nobody', `/admin/books/statements/${'f'.repeat(24)}`, 404, page('statements.notFound')),
    get('a statement id that is no id', '/admin/books/statements/..%2F..%2Fetc', 404, page('statements.notFound')),
    get('page[$gt]=1', '/admin/books/statements?page[$gt]=1', 400, page('errors.operatorKey')),
  ]);
  // e-Donation (the corpus's foundation is not registered) and each fund's tax deduction.
  const deduction = (name: string, form: Fields, status: number, says: Check) => ({
    name,
    ...post('staff', () => `/admin/e-donation/deductions/funds/${ids.fund}`),
    form,
    status,
    says,
  });
  add('POST /admin/e-donation/deductions/funds/:id', [
    deduction('3× (there is no such deduction)', { multiplier: '3' }, 422, field('validation.choice')),
    deduction(
      '2× without its legal basis',
      { multiplier: '2', basisTh: '' },
      422,
      field('edonation.errors.basisRequired'),
    ),
    deduction(
      'a legal basis of 501 characters',
      { multiplier: '2', basisTh: 'ก'.repeat(501) },
      422,
      field('validation.tooLong', { max: 500 }),
    ),
    deduction('multiplier[$ne]=', { 'multiplier[$ne]': '1' }, 400, page('errors.operatorKey')),
    {
      name: 'a fund that is none',
      ...post('staff', `/admin/e-donation/deductions/funds/${'f'.repeat(24)}`),
      form: { multiplier: '1' },
      status: 404,
      says: page('errors.notFound'),
    },
  ]);
  add('POST /admin/e-donation/batches', [
    {
      name: 'a batch while the foundation is not registered',
      ...post('staff', '/admin/e-donation/batches'),
      form: {},
      status: 409,
      says: page('edonation.notRegistered'),
    },
    {
      name: 'reported on a day that is no day',
      ...post('staff', `/admin/e-donation/batches/${'f'.repeat(24)}/reported`),
      form: { reportedOn: 'yesterday' },
      status: 404,
      says: page('edonation.batchNotFound'),
    },
    {
      name: 'a gift never reported sent as a correction',
      ...post('staff', () => `/admin/e-donation/gifts/${ids.gift}/correct`),
      form: {},
      status: 409,
      says: page('edonation.cannotMove'),
    },
    {
      name: 'a gift id that is an operator',
      ...post('staff', '/admin/e-donation/gifts/%7B%22%24ne%22%3A1%7D/reported-by-bank'),
      form: {},
      status: 404,
      says: page('donations.giftNotFound'),
    },
  ]);
  // News: Thai title, summary and text required; a photo is a PNG or JPEG and says what it shows.
  const NEWS = { kind: 'news', titleTh: 'ข่าว', summaryTh: 'สรุป', bodyTh: 'เนื้อหา' };
  const news = (name: string, form: Fields, status: number, says: Check) => ({
    name,
    ...post('staff', '/admin/news'),
    form,
    status,
    says,
  });
  add('POST /admin/news', [
    news('no title', { ...NEWS, titleTh: '' }, 422, field('validation.required')),
    news(
      'a title of 201 characters',
      { ...NEWS, titleTh: 'ข'.repeat(201) },
      422,
      field('validation.tooLong', { max: 200 }),
    ),
    news('a kind that is none', { ...NEWS, kind: 'gossip' }, 422, field('validation.choice')),
    news('a fund that is none', { ...NEWS, fund: 'no-such-fund' }, 422, field('validation.choice')),
    news('an area code of one digit', { ...NEWS, areaCode: '9' }, 422, field('directory.badArea')),
    news('kind[$ne]=', { ...NEWS, 'kind[$ne]': 'x' }, 400, page('errors.operatorKey')),
    {
      name: 'a photo that is a PDF',
      ...post('staff', '/admin/news'),
      multipart: {
        fields: { ...NEWS, photoAltTh: 'ภาพ' },
        files: [{ field: 'photo', content: PDF, filename: 'photo.pdf', contentType: 'application/pdf' }],
      },
      status: 422,
      says: field('news.errors.photoType'),
    },
  ]);
  add('POST /admin/campaigns/:slug/updates', [
    {
      name: 'an update without a title',
      ...post('staff', '/admin/campaigns/existing-campaign/updates'),
      form: { titleTh: '', bodyTh: 'x', submissionId: '0b6e4f0b-6e4f-4b6e-8f0b-6e4f0b6e4f0b' },
      status: 422,
      says: field('validation.required'),
    },
    {
      name: 'an update of a campaign that is none',
      ...post('staff', '/admin/campaigns/no-such-campaign/updates'),
      form: { titleTh: 'x', bodyTh: 'x', submissionId: '0b6e4f0b-6e4f-4b6e-8f0b-6e4f0b6e4f0b' },
      status: 404,
      says: page('errors.notFound'),
    },
    {
      name: 'a cover that is a PDF',
      ...post('staff', '/admin/campaigns/existing-campaign/story'),
      multipart: {
        fields: { storyTh: 'x', coverAltTh: 'ภาพ' },
        files: [{ field: 'cover', content: PDF, filename: 'cover.pdf', contentType: 'application/pdf' }],
      },
      status: 422,
      says: field('news.errors.photoType'),
    },
    {
      name: 'a forged stop link',
      ...post('anonymous', '/campaigns/existing-campaign/stop-updates'),
      form: { email: 'someone@example.org', token: 'x'.repeat(32) },
      status: 404,
      says: page('errors.notFound'),
    },
  ]);
  add('GET /news/:id', [
    get('a news id that is none', `/news/${'f'.repeat(24)}`, 404, page('news.notFound')),
    get('a news id that is an operator', '/news/%7B%22%24ne%22%3A1%7D', 404, page('news.notFound')),
    get('page[$gt]=1', '/news?page[$gt]=1', 400, page('errors.operatorKey')),
  ]);
  add('POST /admin/books/statements/:id/lines/:lineId/confirm', [
    {
      name: 'a line of nobody',
      ...post('staff', `/admin/books/statements/${'f'.repeat(24)}/lines/${'e'.repeat(24)}/confirm`),
      form: { donationId: 'f'.repeat(24), amount: '100' },
      status: 404,
      says: page('statements.lineNotFound'),
    },
    {
      name: 'donationId[$ne]=',
      ...post('staff', `/admin/books/statements/${'f'.repeat(24)}/lines/${'e'.repeat(24)}/confirm`),
      form: { 'donationId[$ne]': '', amount: '100' },
      status: 400,
      says: page('errors.operatorKey'),
    },
  ]);
}

// Missing and wrong CSRF tokens on every form touched above, each with a body that would otherwise succeed.
{
  const refused = page('errors.csrf');
  const valid: [Persona, Lazy<string>, () => Fields][] = [
    ['anonymous', '/donate', () => donation()],
    ['anonymous', '/register', () => registration()],
    ['anonymous', '/login', () => ({ email: donorEmail, password: PASSWORD })],
    ['anonymous', '/forgot-password', () => ({ email: donorEmail })],
    ['donor', '/account', () => ({ name: 'ชื่อใหม่', preferredLanguage: 'en' })],
    [
      'donor',
      '/account/password',
      () => ({ currentPassword: PASSWORD, newPassword: 'another-long-1', newPasswordConfirm: 'another-long-1' }),
    ],
    ['donor', '/logout', () => ({})],
    // Before the rename below: renaming organisation A clears its verified mark, and with it the survey right.
    ['applicant', '/areas/90/surveys', () => survey()],
    ['applicant', '/organisations', () => organisation()],
    ['applicant', () => `/organisations/${ids.orgA}`, () => organisation({ nameTh: 'ชื่อที่ผู้อื่นตั้งให้' })],
    ['applicant', () => `/organisations/${ids.orgA}/invitations`, () => ({ email: 'friend@example.org' })],
    ['applicant', () => `/organisations/${ids.orgA}/matches/${ids.orgB}`, () => ({ status: 'interested' })],
    ['applicant', () => `/applications/${ids.draftApp}`, () => application({ title: 'แก้โดยเว็บไซต์อื่น' })],
    ['applicant', () => `/applications/${ids.draftApp}/transitions`, () => ({ action: 'withdraw', confirm: 'on' })],
    ['applicant', () => `/awards/${ids.award}/reports/${ids.progress}`, () => ({ narrative: 'รายงานจากเว็บไซต์อื่น' })],
    ['reviewer', () => `/reviews/${ids.reviewApp}`, () => review()],
    ['reviewer', () => `/reviews/${ids.conflictApp}/conflict`, () => ({ conflict: 'no' })],
    ['staff', () => `/applications/${ids.approvedApp}/award`, () => ({ amount: '10,000' })],
    ['staff', () => `/awards/${ids.award}/tranches/1/pay`, () => ({ reference: 'โอน 999' })],
    ['staff', '/admin/calls', () => callForm()],
    ['staff', () => `/admin/calls/${ids.freeCall}`, () => callForm({ titleTh: 'ชื่อใหม่' })],
    ['staff', '/admin/donations', () => offline()],
    ['staff', () => `/admin/donations/${ids.gift}/refund`, () => ({ amount: '100', submissionId: randomUUID() })],
    ['staff', '/admin/ledger/adjust', () => adjustment()],
    ['staff', '/admin/campaigns', () => campaign()],
    ['staff', () => `/organisations/${ids.orgB}/verify`, () => ({ verified: 'true' })],
    ['admin', () => `/admin/users/${ids.donorId}/roles`, () => ({ roles: 'staff' })],
    ['staff', '/admin/pages/about', () => sitePage()],
    ['staff', '/admin/pages/details', () => siteDetails()],
    ['donor', '/account/deletion-request', () => ({ confirm: 'on' })],
    ['staff', () => `/admin/deletion-requests/${ids.deletion}`, () => ({ status: 'done', note: 'ลบบัญชีแล้ว' })],
  ];
  // Proven valid last: the steps that end a session or an application go at the end.
  const order = (path: string) =>
    path.endsWith('/logout') ? 3 : path.endsWith('/transitions') ? 2 : path.endsWith('/password') ? 1 : 0;
  for (const [as, path, body] of valid) {
    const shown = typeof path === 'string' ? path : path().replace(/undefined/g, ':id');
    add('missing CSRF token', [
      {
        name: `POST ${shown} as ${as}`,
        as,
        method: 'POST',
        path,
        form: body,
        csrf: 'missing',
        status: 403,
        says: refused,
        proof: order(shown),
      },
    ]);
  }
  add('missing CSRF token', [
    {
      name: 'POST /reset-password/:token as anonymous',
      ...post('anonymous', `/reset-password/${'A'.repeat(43)}`),
      form: { password: 'long-enough-1', passwordConfirm: 'long-enough-1' },
      csrf: 'missing',
      status: 403,
      says: refused,
    },
    {
      name: 'multipart upload without the token in its URL',
      ...post('applicant', () => `/applications/${ids.draftApp}/attachments`),
      multipart: {
        files: [{ field: 'attachments', content: PDF, filename: 'plan.pdf', contentType: 'application/pdf' }],
      },
      csrf: 'missing',
      status: 403,
      says: refused,
      proof: 0,
    },
    {
      name: 'JSON body without a token',
      ...post('donor', '/account'),
      json: { name: 'ชื่อใหม่', preferredLanguage: 'en' },
      csrf: 'missing',
      status: 403,
      says: json('errors.csrf'),
      proof: 0,
    },
  ]);
  const wrong: [Persona, Lazy<string>, () => Fields][] = [
    ['anonymous', '/donate', () => donation()],
    ['anonymous', '/register', () => registration()],
    ['donor', '/account', () => ({ name: 'ชื่อใหม่', preferredLanguage: 'en' })],
    ['staff', '/admin/ledger/adjust', () => adjustment()],
    ['admin', () => `/admin/users/${ids.donorId}/roles`, () => ({ roles: 'staff' })],
  ];
  for (const [as, path, body] of wrong) {
    const shown = typeof path === 'string' ? path : '/admin/users/:id/roles';
    add('wrong CSRF token', [
      {
        name: `made-up token: POST ${shown} as ${as}`,
        as,
        method: 'POST',
        path,
        form: body,
        csrf: 'wrong',
        status: 403,
        says: refused,
      },
      {
        name: `another session's token: POST ${shown} as ${as}`,
        as,
        method: 'POST',
        path,
        form: body,
        csrf: 'foreign',
        status: 403,
        says: refused,
      },
    ]);
  }
  add('wrong CSRF token', [
    {
      name: 'multipart upload with a made-up token in its URL',
      ...post('applicant', () => `/applications/${ids.draftApp}/attachments`),
      multipart: {
        files: [{ field: 'attachments', content: PDF, filename: 'plan.pdf', contentType: 'application/pdf' }],
      },
      csrf: 'wrong',
      status: 403,
      says: refused,
    },
  ]);
}

// Huge and deeply nested bodies.
{
  add('huge bodies', [
    {
      name: 'a form body over the 100 kB limit',
      ...post('anonymous', '/donate'),
      raw: `fund=education&name=${'x'.repeat(150_000)}`,
      status: 413,
      says: page('errors.tooLarge'),
    },
    {
      name: 'a JSON body over the 100 kB limit',
      ...post('anonymous', '/register'),
      json: { name: 'x'.repeat(150_000) },
      status: 413,
      says: json('errors.tooLarge'),
    },
    {
      name: '1,000 form fields',
      ...post('anonymous', '/donate'),
      raw: Array.from({ length: 1000 }, (_, i) => `f${i}=1`).join('&'),
      status: 413,
      says: page('errors.tooLarge'),
    },
    {
      name: 'keys nested 12 deep',
      ...post('anonymous', '/donate'),
      raw: `fund=education&a${'[b]'.repeat(12)}=1`,
      status: 400,
      says: page('errors.badRequest'),
    },
    {
      name: 'a row index of 300,000,000',
      ...post('anonymous', '/donate'),
      raw: `fund=education&rows[300000000][x]=1`,
      status: 400,
      says: page('errors.formTooLarge', { max: 1000 }),
    },
    {
      name: 'a row index of 300,000,000 written %5B300000000%5D',
      ...post('anonymous', '/donate'),
      raw: `fund=education&rows%5B300000000%5D=1`,
      status: 400,
      says: page('errors.formTooLarge', { max: 1000 }),
    },
    {
      name: 'keys nested 40 deep',
      ...post('anonymous', '/donate'),
      raw: `fund=education&a${'[b]'.repeat(40)}=1`,
      status: 400,
      says: page('errors.badRequest'),
    },
    {
      name: 'JSON nested 50 deep',
      ...post('anonymous', '/register'),
      rawJson: `${'{"a":'.repeat(50)}1${'}'.repeat(50)}`,
      status: 400,
      says: json('errors.badRequest'),
    },
    {
      name: 'broken JSON',
      ...post('anonymous', '/login'),
      rawJson: '{"email": ',
      status: 400,
      says: json('errors.badJson'),
    },
  ]);
}

// The Stripe webhook: forged, tampered and replayed deliveries.
{
  const bad = json('donations.badSignature');
  const payload = () => JSON.stringify(event('checkout.session.completed', checkoutSession(ids.pendingGift, 50_000)));
  const webhook = (
    name: string,
    make: () => { payload: string | Buffer; header?: string },
    status = 400,
    says = bad,
  ) => ({
    name,
    as: 'anonymous' as const,
    method: 'POST' as const,
    path: '/webhooks/stripe',
    webhook: make,
    status,
    says,
  });
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (body: unknown) => {
    const p = JSON.stringify(body);
    return { payload: p, header: signedHeader(p) };
  };
  add('POST /webhooks/stripe', [
    webhook('no signature header', () => ({ payload: payload() })),
    webhook('an empty signature header', () => ({ payload: payload(), header: '' })),
    webhook('a signature header of nonsense', () => ({ payload: payload(), header: 'nonsense' })),
    webhook('a forged v1 signature', () => ({ payload: payload(), header: `t=${now()},v1=${'ab'.repeat(32)}` })),
    webhook('signed with the wrong secret', () => {
      const p = payload();
      return { payload: p, header: signedHeader(p, 'whsec_not_ours') };
    }),
    webhook('timestamp ten minutes old (replay outside the tolerance)', () => {
      const p = payload();
      return {
        payload: p,
        header: signer.webhooks.generateTestHeaderString({
          payload: p,
          secret: TEST_WEBHOOK_SECRET,
          timestamp: now() - 600,
        }),
      };
    }),
    webhook('the processed event replayed with its day-old signature', () => {
      const p = JSON.stringify(processedEvent);
      return {
        payload: p,
        header: signer.webhooks.generateTestHeaderString({
          payload: p,
          secret: TEST_WEBHOOK_SECRET,
          timestamp: now() - 86_400,
        }),
      };
    }),
    webhook('amount changed after signing', () => {
      const p = payload();
      return { payload: p.replace('50000', '5000000'), header: signedHeader(p) };
    }),
    webhook('the signature of another event', () => ({ payload: payload(), header: signedHeader(payload()) })),
    webhook('only a v0 signature', () => {
      const p = payload();
      const header = signedHeader(p);
      return { payload: p, header: header.replace('v1=', 'v0=') };
    }),
    webhook('malformed JSON with a valid signature over it', () => {
      const p = '{"id": "evt_1", "type": "checkout.session.completed", ';
      return { payload: p, header: signedHeader(p) };
    }),
    webhook('an empty body with a valid signature over it', () => ({ payload: '', header: signedHeader('') })),
    // Signed (so from whoever holds the secret) but not an event: refused before anything is recorded.
    webhook(
      'a signed event without its data object',
      () =>
        signed({ id: 'evt_no_object', object: 'event', type: 'checkout.session.completed', created: now(), data: {} }),
      400,
      json('errors.badRequest'),
    ),
    webhook(
      'a signed event whose id is an operator object',
      () =>
        signed({
          id: { $gt: '' },
          object: 'event',
          type: 'checkout.session.completed',
          created: now(),
          data: { object: {} },
        }),
      400,
      json('errors.badRequest'),
    ),
    webhook(
      'a signed event whose type is a number',
      () => signed({ id: 'evt_numeric_type', object: 'event', type: 42, created: now(), data: { object: {} } }),
      400,
      json('errors.badRequest'),
    ),
    webhook('a signed JSON null', () => signed(null), 400, json('errors.badRequest')),
    webhook('a signed JSON list', () => signed([processedEvent]), 400, json('errors.badRequest')),
    webhook(
      'a body over 512 kB',
      () => {
        const p = JSON.stringify({
          ...event('checkout.session.completed', checkoutSession(ids.pendingGift, 50_000)),
          padding: 'x'.repeat(600_000),
        });
        return { payload: p, header: signedHeader(p) };
      },
      413,
      json('errors.tooLarge'),
    ),
  ]);
}

/** Deliveries that are answered 200 and must still change nothing (not counted as 4xx cases). */
const acknowledged: { name: string; send: () => { payload: string; header: string }; outcome: string }[] = [
  {
    name: 'the processed event delivered again (Stripe retrying)',
    send: () => ({ payload: JSON.stringify(processedEvent), header: signedHeader(JSON.stringify(processedEvent)) }),
    outcome: 'duplicate',
  },
  {
    name: 'the processed event replayed byte for byte with its own header',
    send: () => ({ payload: JSON.stringify(processedEvent), header: processedHeader }),
    outcome: 'duplicate',
  },
  {
    name: 'a signed event of a type we do not handle',
    send: () => {
      const p = JSON.stringify(event('customer.created', { id: 'cus_1', object: 'customer' }));
      return { payload: p, header: signedHeader(p) };
    },
    outcome: 'ignored',
  },
];

describe('bad-input corpus: every form, JSON endpoint and the webhook refuse bad input cleanly', function () {
  this.timeout(30_000);
  const ctx = useTestApp({ config: () => stripeTestConfig(), app: { loginAttemptsPerWindow: 100_000 } });
  const people = {} as Record<Exclude<Persona, 'anonymous'>, PublicUser>;
  const agents = {} as Record<Persona, ReturnType<typeof browser>>;
  const tokens = {} as Record<Persona, string>;

  before(async function () {
    this.timeout(120_000);
    await runSeeds({ demoUsers: false, socialMap: false });
    people.donor = await makeUser();
    people.applicant = await makeUser({ roles: ['applicant'] });
    const applicant2 = await makeUser({ roles: ['applicant'] });
    people.reviewer = await makeUser({ roles: ['reviewer'] });
    people.staff = await makeUser({ roles: ['staff'] });
    people.admin = await makeUser({ roles: ['admin'] });
    donorEmail = people.donor.email;
    applicantEmail = people.applicant.email;
    ids.donorId = people.donor.id;
    ids.adminId = people.admin.id;
    await requestDeletion(people.reviewer, { reason: '' });
    ids.deletion = String((await DeletionRequest.findOne({}, { _id: 1 }).lean())?._id);
    await fundMoney(people.staff, 'elderly', 1_000_000_00);

    ids.orgA = await makeOrg(people.applicant);
    const orgA2 = await makeOrg(people.applicant);
    const orgA3 = await makeOrg(people.applicant);
    ids.orgB = await makeOrg(applicant2);
    await setVerified(people.staff, ids.orgA, true);
    ids.call = await makeCall(people.staff, { committeeEmails: [people.reviewer.email] });
    ids.freeCall = await makeCall(people.staff);
    const call2 = await makeCall(people.staff, { committeeEmails: [people.reviewer.email] });

    const inReview = async (member: PublicUser, org: string, call: string, amount: number) => {
      const id = await startApplication(member, call, org);
      await saveApplication(member, id, proposal(amount));
      await transition(member, id, { action: 'submit' });
      await transition(people.staff, id, { action: 'start_screening' });
      await transition(people.staff, id, { action: 'send_to_review' });
      await assignReviewers(people.staff, id, [people.reviewer.id]);
      return id;
    };
    const approved = async (member: PublicUser, org: string, call: string, amount: number) => {
      const id = await inReview(member, org, call, amount);
      await declareConflict(people.reviewer, id, { conflict: false, note: '' });
      await saveReview(people.reviewer, id, {
        scores: { need: 4, feasibility: 4, community: 4 },
        recommendation: 'fund',
        commentForStaff: '',
        commentForApplicant: '',
        submit: true,
      });
      await transition(people.staff, id, { action: 'finish_review' });
      await transition(people.staff, id, { action: 'approve', comment: 'อนุมัติ' });
      return id;
    };
    ids.draftApp = await startApplication(people.applicant, ids.call, ids.orgA);
    await saveApplication(people.applicant, ids.draftApp, proposal(20_000_00));
    ids.reviewApp = await inReview(people.applicant, orgA2, ids.call, 20_000_00);
    await declareConflict(people.reviewer, ids.reviewApp, { conflict: false, note: '' });
    ids.review = String(
      (await Review.findOne({ applicationId: ids.reviewApp, reviewerId: people.reviewer.id }, { _id: 1 }).lean())?._id,
    );
    ids.conflictApp = await inReview(people.applicant, orgA3, ids.call, 20_000_00);
    ids.approvedApp = await approved(applicant2, ids.orgB, ids.call, 20_000_00);
    // A grant to organisation A (second call): tranche 1 released, its progress report due.
    const granted = await approved(people.applicant, ids.orgA, call2, 30_000_00);
    ids.award = await makeAward(people.staff, granted, { amountSatang: 30_000_00, conditions: '' });
    ids.progress = (await awardOfApplication(people.staff, granted))?.reports.find((r) => r.kind === 'progress')
      ?.id as string;

    ids.fund = String((await Fund.findOne({ slug: 'education' }, { _id: 1 }).lean())?._id);
    ids.gift = await recordOfflineGift(people.staff, {
      fundSlug: 'education',
      amountSatang: 1_000_00,
      channel: 'bank_transfer',
      receivedAt: new Date(Date.now() - 60_000),
      reference: 'ref-1',
      donor: { name: 'ผู้บริจาค', email: people.donor.email, anonymous: false, locale: 'th' },
      submissionId: randomUUID(),
    } as Parameters<typeof recordOfflineGift>[1]);
    await createCampaign(people.staff, {
      fund: 'education',
      slug: 'existing-campaign',
      nameTh: 'แคมเปญเดิม',
      nameEn: 'Existing',
      descriptionTh: '',
      descriptionEn: '',
      goalSatang: 100_000_00,
      endsOn: new Date(Date.now() + 30 * 86_400_000),
    });

    for (const persona of ['anonymous', 'donor', 'applicant', 'reviewer', 'staff', 'admin'] as const) {
      const agent = browser(ctx.app);
      if (persona !== 'anonymous') await agent.login(people[persona].email, PASSWORD);
      agents[persona] = agent;
      tokens[persona] = csrfFrom((await agent.agent.get(persona === 'anonymous' ? '/login' : '/')).text);
    }

    // Two online gifts through Checkout (stripe-mock): one confirmed by its webhook, one left pending.
    const give = async (email: string) => {
      const res = await agents.anonymous.agent
        .post('/donate')
        .type('form')
        .send({ ...donation({ email }), _csrf: tokens.anonymous });
      assert.equal(res.status, 303, res.text);
      return String((await Donation.findOne({ 'donor.email': email }).lean())?._id);
    };
    ids.onlineGift = await give('paid-online@example.org');
    ids.pendingGift = await give('pending-online@example.org');
    processedEvent = event('checkout.session.completed', checkoutSession(ids.onlineGift, 500_00));
    processedHeader = signedHeader(JSON.stringify(processedEvent));
    const first = await deliver(ctx.app, processedEvent, { header: processedHeader });
    assert.equal(first.status, 200);
    assert.equal(first.body.outcome, 'processed');
    assert.equal((await Donation.findById(ids.onlineGift).lean())?.status, 'paid');
    assert.equal((await Application.findById(ids.draftApp).lean())?.status, 'draft');
  });

  async function send(c: Case, fresh?: string): Promise<Reply> {
    const path = typeof c.path === 'function' ? c.path() : c.path;
    if (c.webhook) {
      const { payload, header } = c.webhook();
      const req = request(ctx.app).post(path).set('Content-Type', 'application/json');
      if (header !== undefined) req.set('Stripe-Signature', header);
      return req.send(payload);
    }
    const agent = agents[c.as].agent;
    if (c.method === 'GET') return agent.get(path);
    const mode = c.csrf ?? 'ok';
    const token =
      fresh ??
      (mode === 'ok'
        ? tokens[c.as]
        : mode === 'wrong'
          ? 'made-up-token'
          : mode === 'foreign'
            ? tokens[c.as === 'anonymous' ? 'donor' : 'anonymous']
            : undefined);
    const withToken = (body: Fields): Fields => (token === undefined ? body : { ...body, _csrf: token });
    if (c.multipart) {
      const m = typeof c.multipart === 'function' ? c.multipart() : c.multipart;
      // The token is the form's first field, as browsers send it (never in the URL).
      const req = agent.post(path);
      if (token !== undefined) void req.field('_csrf', token);
      for (const [k, v] of Object.entries(m.fields ?? {})) void req.field(k, v);
      for (const f of m.files)
        void req.attach(f.field, f.content, { filename: f.filename, contentType: f.contentType });
      if (!m.files.length && !Object.keys(m.fields ?? {}).length) void req.field('nothing', '');
      return req;
    }
    if (c.json !== undefined) {
      const body = typeof c.json === 'function' ? (c.json as () => Fields)() : c.json;
      return agent.post(path).set('Accept', 'application/json').send(withToken(body));
    }
    if (c.raw !== undefined) {
      const raw = typeof c.raw === 'function' ? c.raw() : c.raw;
      return agent
        .post(path)
        .type('form')
        .send(token === undefined ? raw : `${raw}&_csrf=${encodeURIComponent(token)}`);
    }
    if (c.rawJson !== undefined)
      return agent.post(path).set('Content-Type', 'application/json').set('Accept', 'application/json').send(c.rawJson);
    const form = typeof c.form === 'function' ? c.form() : (c.form ?? {});
    return agent.post(path).type('form').send(withToken(form));
  }

  // First, while the processed event's own signature is inside Stripe's five-minute tolerance
  // (the corpus below takes longer than that on a loaded machine).
  describe('webhook deliveries acknowledged with 200 that must change nothing', () => {
    for (const a of acknowledged) {
      it(a.name, async () => {
        const before = await collectionStates();
        const { payload, header } = a.send();
        const res = await request(ctx.app)
          .post('/webhooks/stripe')
          .set('Content-Type', 'application/json')
          .set('Stripe-Signature', header)
          .send(payload);
        const after = await collectionStates();
        assert.equal(res.status, 200);
        assert.equal(res.body.outcome, a.outcome);
        assert.deepEqual(changedCollections(before, after), []);
      });
    }
  });

  for (const c of cases) {
    it(c.name, async () => {
      const before = await collectionStates();
      const res = await send(c);
      const after = await collectionStates();
      assert.equal(res.status, c.status, `status ${res.status}, expected ${c.status}: ${res.text.slice(0, 300)}`);
      assert.ok(res.status < 500, 'no server error');
      assert.doesNotMatch(res.text, /at .+\.(ts|js):\d+/, 'no stack trace');
      // ("stack": the key of a JSON dump; class="stack" is the phone layout of a table)
      assert.doesNotMatch(res.text, /\b[A-Z][A-Za-z]*Error\b:|\bError: |node_modules|"stack":/, 'no error dump');
      assert.ok(!res.text.includes(SCRIPT), 'a script came back unescaped');
      if (/text\/html/.test(String(res.headers['content-type'])))
        assert.match(res.text, /<html lang="th">/, 'a Thai page');
      c.says(res);
      if (c.escaped) assert.ok(res.text.includes(ESCAPED), 'the form shows the typed script, escaped');
      assert.deepEqual(changedCollections(before, after), [], 'refused, but the database changed');
      if (c.still === 'anonymous')
        assert.equal((await agents[c.as].agent.get('/account')).status, 302, 'still not logged in');
    });
  }

  describe('path-traversal file names on good files are stored under a safe name', () => {
    for (const [name, stored] of [
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\x.pdf', 'x.pdf'],
      [`a${SCRIPT}.pdf`, 'script.pdf'],
    ] as const) {
      it(`${name} → ${stored}`, async () => {
        const res = await agents.applicant.agent
          .post(`/applications/${ids.draftApp}/attachments`)
          .field('_csrf', tokens.applicant)
          .attach('attachments', PDF, { filename: name, contentType: 'application/pdf' });
        assert.equal(res.status, 303);
        const app = await Application.findById(ids.draftApp).lean();
        const names = (app?.attachments ?? []).map((a) => a.filename);
        assert.ok(names.includes(stored), `stored as ${names.join(', ')}`);
        for (const n of names) assert.doesNotMatch(n, /[\\/<>]/);
      });
    }
  });

  it('the corpus has at least 200 cases that must be refused', () => {
    assert.ok(cases.length >= 200, `${cases.length} cases`);
  });

  // Last, as it changes things: the CSRF cases were refused for their token alone.
  describe('the bodies the CSRF cases sent', () => {
    it('are accepted with the right token', async function () {
      this.timeout(60_000);
      const proofs = cases
        .filter((c) => c.proof !== undefined)
        .sort((a, b) => (a.proof as number) - (b.proof as number));
      assert.ok(proofs.length >= 25);
      const refused: string[] = [];
      for (const c of proofs) {
        // Logging in or changing a password starts a new session, with a new token: take the current one.
        const token = csrfFrom((await agents[c.as].agent.get('/donate')).text);
        const res = await send(c, token);
        if (res.status >= 400) refused.push(`${c.name}: ${res.status}`);
      }
      assert.deepEqual(refused, []);
    });
  });
});
