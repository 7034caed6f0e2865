import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { DEMO_USERS, runSeeds, needsFirstSeed, seedNewContent } from '../../seeds/index.js';
import { sitePagesSeeded } from '../../src/modules/site/index.js';
import mongoose from 'mongoose';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { authenticate } from '../../src/modules/accounts/user.service.js';
import { DEMO_PASSWORD } from '../../seeds/index.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';

describe('seeds', () => {
  useTestApp();

  it('seeds the giving menu and one demo user per role, and nothing twice on re-run', async () => {
    assert.equal(await needsFirstSeed(), true);
    const first = await runSeeds({ demoUsers: true });
    assert.deepEqual(first, { fundsCreated: 9, usersCreated: 5, organisationsCreated: 178, networksCreated: 10 });
    assert.equal(await needsFirstSeed(), false);
    const second = await runSeeds({ demoUsers: true });
    assert.deepEqual(second, { fundsCreated: 0, usersCreated: 0, organisationsCreated: 0, networksCreated: 0 });
    await Promise.all([runSeeds({ demoUsers: true }), runSeeds({ demoUsers: true })]);
    assert.equal(await Fund.countDocuments(), 9);
    assert.equal(await User.countDocuments(), 5);
    assert.equal(await Fund.countDocuments({ kind: 'endowment' }), 1);
    const roles = new Set((await User.find()).flatMap((u) => u.roles));
    assert.deepEqual([...roles].sort(), ['admin', 'applicant', 'donor', 'reviewer', 'staff']);
  });

  it('an upgraded database gets the new site pages, and a fund staff deleted does not come back', async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    await Fund.deleteOne({ slug: 'media' });
    // As a database from before the site pages existed.
    await mongoose.connection.collection('sitepagerevisions').deleteMany({});
    assert.equal(await sitePagesSeeded(), false);
    assert.equal(await needsFirstSeed(), false, 'not a first start: the whole seed does not run again');
    assert.ok((await seedNewContent()) > 0);
    assert.equal(await sitePagesSeeded(), true);
    assert.equal(await Fund.exists({ slug: 'media' }), null, 'the deleted fund stays deleted');
    assert.equal(await seedNewContent(), 0, 'nothing twice');
  });

  it('lets every demo account log in with the printed password, its address verified', async () => {
    for (const demo of DEMO_USERS)
      assert.equal((await authenticate(demo.email, DEMO_PASSWORD))?.emailVerified, true, demo.email);
  });

  it('verifies demo accounts seeded before addresses were verified, and only those', async () => {
    await User.collection.updateMany({}, { $unset: { emailVerifiedAt: '' } });
    const other = await makeUser({ verified: false });
    await runSeeds({ demoUsers: true });
    for (const demo of DEMO_USERS)
      assert.ok((await User.findOne({ email: demo.email }))?.emailVerifiedAt instanceof Date, demo.email);
    assert.equal((await User.findById(other.id))?.emailVerifiedAt, null);
    // The demo logins keep working; an unverified account's does not (it resets its password).
    for (const demo of DEMO_USERS) assert.ok(await authenticate(demo.email, DEMO_PASSWORD), demo.email);
    assert.equal(await authenticate(other.email, PASSWORD), null);
  });

  it('never overwrites what staff changed', async () => {
    await Fund.updateOne({ slug: 'media' }, { $set: { goalSatang: 123_400 } });
    await runSeeds({ demoUsers: true });
    assert.equal((await Fund.findOne({ slug: 'media' }))?.goalSatang, 123_400);
  });

  it('leaves demo users out when asked (production)', async () => {
    await User.deleteMany({});
    const report = await runSeeds({ demoUsers: false });
    assert.equal(report.usersCreated, 0);
    assert.equal(await User.countDocuments(), 0);
  });
});
