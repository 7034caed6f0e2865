import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/index.js';

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
        for (const name of ['PORT', 'MONGODB_URI', 'SMTP_URL', 'LOG_LEVEL']) assert.match(error.message, new RegExp(name));
        return true;
      },
    );
  });

  it('requires a strong session secret in production and keeps demo users out of it', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET/);
    assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /at least 16/);
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a-long-enough-secret-value' });
    assert.equal(config.isProduction, true);
    assert.equal(config.seedDemoUsers, false);
  });

  it('refuses a Stripe key that is not one', () => {
    assert.throws(() => loadConfig({ STRIPE_SECRET_KEY: 'pk_test_123' }), /STRIPE_SECRET_KEY/);
  });
});
