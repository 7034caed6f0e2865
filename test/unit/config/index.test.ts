import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ConfigError, loadConfig } from '../../../src/config/index.js';

const RECEIPT_ESSENTIALS = {
  FOUNDATION_NAME_TH: 'มูลนิธิชุมชนตัวอย่าง',
  FOUNDATION_ADDRESS_TH: '99 ถนนตัวอย่าง อำเภอเมือง จังหวัดสงขลา 90000',
  FOUNDATION_TAX_ID: '0-1055-12345-67-1',
};

describe('config validation', () => {
  it('runs with no configuration at all (embedded database, no Stripe, no SMTP)', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.equal(config.mongodbUri, undefined);
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.stripe.secretKey, undefined);
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.seedDemoUsers, true);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ MONGODB_URI: '', SMTP_URL: '', STRIPE_SECRET_KEY: '' });
    assert.equal(config.mongodbUri, undefined);
    assert.equal(config.smtpUrl, undefined);
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      BASE_URL: 'https://give.example.org/',
      MONGODB_URI: 'mongodb://db1,db2/cf?replicaSet=rs0',
      DATA_DIR: '/var/lib/cf',
      SESSION_SECRET: 'x'.repeat(32),
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
      SMTP_URL: 'smtps://user:pass@mail.example.org:465',
      LOG_LEVEL: 'debug',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.baseUrl, 'https://give.example.org');
    assert.equal(config.mongodbUri, 'mongodb://db1,db2/cf?replicaSet=rs0');
    assert.equal(config.dataDir, '/var/lib/cf');
    assert.equal(config.stripe.secretKey, 'sk_test_123');
    assert.equal(config.stripe.apiUrl, 'http://127.0.0.1:12111');
    assert.equal(config.smtpUrl, 'smtps://user:pass@mail.example.org:465');
    assert.equal(config.logLevel, 'debug');
  });

  it('names every wrong variable in one readable message', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', SMTP_URL: 'http://mail', LOG_LEVEL: 'loud' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of ['PORT', 'MONGODB_URI', 'SMTP_URL', 'LOG_LEVEL'])
          assert.match(error.message, new RegExp(name));
        return true;
      },
    );
  });

  it('requires a strong session secret in production and keeps demo users out of it', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET/);
    assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /at least 16/);
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-long-enough-secret-value',
      ...RECEIPT_ESSENTIALS,
    });
    assert.equal(config.isProduction, true);
    assert.equal(config.seedDemoUsers, false);
  });

  it('refuses a Stripe key that is not one', () => {
    assert.throws(() => loadConfig({ STRIPE_SECRET_KEY: 'pk_test_123' }), /STRIPE_SECRET_KEY/);
  });

  it('takes a PromptPay ID that is one, and refuses the rest in a readable sentence', () => {
    for (const id of ['081-234-5678', '0-9940-00123-45-1', '004999000123456']) {
      assert.equal(loadConfig({ FOUNDATION_PROMPTPAY_ID: id }).foundation.promptPayId, id);
    }
    for (const id of ['12345', '0-9940-00123-45-6', 'พร้อมเพย์', '181-234-5678', '0812345678900']) {
      assert.throws(
        () => loadConfig({ FOUNDATION_PROMPTPAY_ID: id }),
        /FOUNDATION_PROMPTPAY_ID must be a PromptPay ID/,
      );
    }
    const billed = loadConfig({ FOUNDATION_PROMPTPAY_BILLER_ID: '0994000123451-01' });
    assert.equal(billed.foundation.promptPayBillerId, '099400012345101');
    assert.throws(() => loadConfig({ FOUNDATION_PROMPTPAY_BILLER_ID: '0994000123456-01' }), /must be a biller ID/);
    assert.throws(() => loadConfig({ FOUNDATION_PROMPTPAY_BILLER_ID: '0994000123451' }), /must be a biller ID/);
  });

  it('reads the e-Donation registration and the receipt’s charity text and signature, refusing a signature that is no image', () => {
    const defaults = loadConfig({}).foundation;
    assert.equal(defaults.eDonationRegistered, false);
    assert.equal(defaults.charityRegistration, undefined);
    assert.equal(defaults.signature, undefined);
    const dir = mkdtempSync(path.join(tmpdir(), 'config-'));
    const png = path.join(dir, 'signature.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const set = loadConfig({
      FOUNDATION_EDONATION_REGISTERED: 'true',
      FOUNDATION_CHARITY_REGISTRATION_TH: 'องค์การสาธารณกุศลลำดับที่ 999',
      FOUNDATION_SIGNATURE_IMAGE: png,
      FOUNDATION_SIGNER_NAME: 'นางสาวใจดี มีสุข',
      FOUNDATION_SIGNER_TITLE_TH: 'เหรัญญิก',
    }).foundation;
    assert.equal(set.eDonationRegistered, true);
    assert.deepEqual(set.charityRegistration, { th: 'องค์การสาธารณกุศลลำดับที่ 999', en: 'องค์การสาธารณกุศลลำดับที่ 999' });
    assert.deepEqual(set.signature, { imagePath: png, name: 'นางสาวใจดี มีสุข', title: { th: 'เหรัญญิก', en: 'เหรัญญิก' } });
    const text = path.join(dir, 'signature.txt');
    writeFileSync(text, 'not an image');
    for (const file of [text, path.join(dir, 'missing.png')])
      assert.throws(
        () => loadConfig({ FOUNDATION_SIGNATURE_IMAGE: file }),
        /FOUNDATION_SIGNATURE_IMAGE must be the path/,
      );
    assert.throws(() => loadConfig({ FOUNDATION_EDONATION_REGISTERED: 'yes' }), /FOUNDATION_EDONATION_REGISTERED/);
  });

  it('reminds a waiting pledge after a week and lets it lapse after a month, unless told otherwise', () => {
    const defaults = loadConfig({}).foundation;
    assert.deepEqual([defaults.pledgeRemindAfterDays, defaults.pledgeLapseAfterDays], [7, 30]);
    const set = loadConfig({ PLEDGE_REMIND_AFTER_DAYS: '3', PLEDGE_LAPSE_AFTER_DAYS: '14' }).foundation;
    assert.deepEqual([set.pledgeRemindAfterDays, set.pledgeLapseAfterDays], [3, 14]);
    assert.throws(
      () => loadConfig({ PLEDGE_REMIND_AFTER_DAYS: '10', PLEDGE_LAPSE_AFTER_DAYS: '10' }),
      /PLEDGE_LAPSE_AFTER_DAYS must be more days/,
    );
    assert.throws(() => loadConfig({ PLEDGE_REMIND_AFTER_DAYS: '0' }), /PLEDGE_REMIND_AFTER_DAYS/);
    assert.throws(() => loadConfig({ PLEDGE_LAPSE_AFTER_DAYS: 'soon' }), /PLEDGE_LAPSE_AFTER_DAYS/);
  });

  it('puts fees on the gift’s fund unless told the general fund bears them', () => {
    assert.equal(loadConfig({}).foundation.feesBorneBy, 'fund');
    assert.equal(loadConfig({ FOUNDATION_FEES_BORNE_BY: 'general' }).foundation.feesBorneBy, 'general');
    assert.throws(() => loadConfig({ FOUNDATION_FEES_BORNE_BY: 'donor' }), /FOUNDATION_FEES_BORNE_BY/);
  });

  it('refuses to start production without the receipt essentials, in one readable sentence', () => {
    const base = { NODE_ENV: 'production', SESSION_SECRET: 'a-long-enough-secret-value' };
    assert.throws(
      () => loadConfig(base),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(
          error.message,
          "Invalid configuration: FOUNDATION_NAME_TH, FOUNDATION_ADDRESS_TH and FOUNDATION_TAX_ID are required when NODE_ENV=production (every receipt prints the foundation's name, address and tax ID).",
        );
        return true;
      },
    );
    assert.throws(
      () => loadConfig({ ...base, ...RECEIPT_ESSENTIALS, FOUNDATION_ADDRESS_TH: '' }),
      /FOUNDATION_ADDRESS_TH is required when NODE_ENV=production/,
    );
    assert.throws(
      () => loadConfig({ ...base, ...RECEIPT_ESSENTIALS, FOUNDATION_TAX_ID: '0105512345670' }),
      /FOUNDATION_TAX_ID must be a 13-digit Thai tax ID/,
    );
  });

  it('never lets a placeholder reach a production receipt: English falls back to the Thai details', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-long-enough-secret-value',
      ...RECEIPT_ESSENTIALS,
    });
    assert.deepEqual(config.foundation.address, {
      th: RECEIPT_ESSENTIALS.FOUNDATION_ADDRESS_TH,
      en: RECEIPT_ESSENTIALS.FOUNDATION_ADDRESS_TH,
    });
    assert.deepEqual(config.foundation.name, {
      th: RECEIPT_ESSENTIALS.FOUNDATION_NAME_TH,
      en: RECEIPT_ESSENTIALS.FOUNDATION_NAME_TH,
    });
    assert.equal(config.foundation.taxId, '0105512345671');
    assert.doesNotMatch(JSON.stringify(config.foundation), /ตั้งค่า|set FOUNDATION/);
    assert.deepEqual(config.foundation.missingSettings, [], 'no staff banner in production');
  });

  it('outside production, runs with placeholders and lists what is missing for the staff banner', () => {
    const config = loadConfig({});
    assert.match(config.foundation.address.th, /ตั้งค่า FOUNDATION_ADDRESS_TH/);
    assert.deepEqual(config.foundation.missingSettings, [
      'FOUNDATION_NAME_TH',
      'FOUNDATION_ADDRESS_TH',
      'FOUNDATION_TAX_ID',
      'FOUNDATION_BANK_ACCOUNT / FOUNDATION_PROMPTPAY_ID',
    ]);
    const set = loadConfig({
      ...RECEIPT_ESSENTIALS,
      FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1',
      FOUNDATION_CONTACT: 'โทร 074-000000',
    });
    assert.deepEqual(set.foundation.missingSettings, []);
    assert.equal(set.foundation.contact, 'โทร 074-000000');
  });
});
