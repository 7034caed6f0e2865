import assert from 'node:assert/strict';
import { logSafeUrl } from '../../../../src/shared/http/request-id.js';

describe('logSafeUrl: what the request log may keep of a URL', () => {
  const token = 'Zx8_kq3LmN0pQrStUvWxYz12AbCdEf';

  it('hides one-time tokens in the path and in token-like query parameters', () => {
    assert.equal(logSafeUrl(`/reset-password/${token}`), '/reset-password/[hidden]');
    assert.equal(logSafeUrl(`/receipts/abc?token=${token}`), '/receipts/abc?token=[hidden]');
  });

  it('hides a token carried inside another link (the login redirect of an invitation)', () => {
    const url = `/login?next=${encodeURIComponent(`/invitations/${token}`)}`;
    const safe = logSafeUrl(url);
    assert.ok(!safe.includes(token), safe);
    assert.equal(decodeURIComponent(safe.split('next=')[1] ?? ''), '/invitations/[hidden]');
  });

  it('keeps database ids and ordinary values readable', () => {
    assert.equal(
      logSafeUrl('/applications/65a1b2c3d4e5f60718293a4b?page=2&q=ผู้สูงอายุ'),
      '/applications/65a1b2c3d4e5f60718293a4b?page=2&q=ผู้สูงอายุ',
    );
    assert.equal(
      logSafeUrl(`/login?next=${encodeURIComponent('/calls/65a1b2c3d4e5f60718293a4b')}`),
      `/login?next=${encodeURIComponent('/calls/65a1b2c3d4e5f60718293a4b')}`,
    );
  });
});
