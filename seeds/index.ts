/**
 * Idempotent seeding: inserts what is missing and never changes what staff edited. Run by
 * `npm run seed` and on the first start of an empty database.
 */
import { Fund } from '../src/modules/funds/fund.model.js';
import { User } from '../src/modules/accounts/user.model.js';
import { hashPassword } from '../src/modules/accounts/password.js';
import { isDuplicateKeyError } from '../src/shared/errors.js';
import type { Role } from '../src/shared/actor.js';
import { FUND_SEEDS } from './funds.data.js';
import { clearAllCaches } from '../src/shared/cache.js';
import { seedSurinNetworks } from './social-map.js';
import { seedDemoCommunity } from './community.js';
import { seedDemoGrants } from './grants.js';
import { seedSitePages, sitePagesSeeded } from '../src/modules/site/index.js';
import { SITE_PAGE_SEEDS } from './site-pages.data.js';
import { backfillDonationKeys, migrateLedgerToJournal } from '../src/modules/funds/index.js';

/** Printed at every start while demo accounts exist; seeding them is off in production. */
export const DEMO_PASSWORD = 'demo-2569';

export const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: 'admin@example.org', name: 'ผู้ดูแลระบบ (ตัวอย่าง)', roles: ['donor', 'staff', 'admin'] },
  { email: 'staff@example.org', name: 'เจ้าหน้าที่มูลนิธิ (ตัวอย่าง)', roles: ['donor', 'staff'] },
  { email: 'reviewer@example.org', name: 'กรรมการพิจารณาทุน (ตัวอย่าง)', roles: ['donor', 'reviewer'] },
  { email: 'applicant@example.org', name: 'ผู้ขอทุนจากกลุ่มชุมชน (ตัวอย่าง)', roles: ['donor', 'applicant'] },
  { email: 'donor@example.org', name: 'ผู้บริจาค (ตัวอย่าง)', roles: ['donor'] },
];

export interface SeedReport {
  fundsCreated: number;
  usersCreated: number;
  organisationsCreated: number;
  networksCreated: number;
}

async function insertIfMissing(exists: () => Promise<unknown>, insert: () => Promise<unknown>): Promise<boolean> {
  if (await exists()) return false;
  try {
    await insert();
    return true;
  } catch (error) {
    // Another process seeded the same record a moment ago: the unique index kept one.
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

export async function runSeeds(options: { demoUsers: boolean; socialMap?: boolean }): Promise<SeedReport> {
  let fundsCreated = 0;
  for (const seed of FUND_SEEDS) {
    const created = await insertIfMissing(
      () => Fund.exists({ slug: seed.slug }),
      () =>
        Fund.create({
          slug: seed.slug,
          kind: seed.kind,
          issue: seed.issue,
          sortOrder: seed.sortOrder,
          goalSatang: seed.goalBaht * 100,
          name: seed.name,
          summary: seed.summary,
          description: seed.description,
        }),
    );
    if (created) fundsCreated++;
  }

  let usersCreated = 0;
  if (options.demoUsers) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const demo of DEMO_USERS) {
      const created = await insertIfMissing(
        () => User.exists({ email: demo.email }),
        // Demo addresses are example.org (nobody reads them): verified, so every demo journey works.
        () => User.create({ ...demo, passwordHash, preferredLanguage: 'th', emailVerifiedAt: new Date() }),
      );
      if (created) usersCreated++;
      // Demo accounts seeded before addresses were verified get the mark too (only these few).
      await User.updateOne({ email: demo.email, emailVerifiedAt: null }, { $set: { emailVerifiedAt: new Date() } });
    }
  }
  // The about, contact, privacy and tax-deduction pages: version 1 where a page has none.
  await seedSitePages(SITE_PAGE_SEEDS);
  const map = options.socialMap === false ? { organisationsCreated: 0, networksCreated: 0 } : await seedSurinNetworks();
  // A sample call and group for the demo applicant: only where demo accounts are seeded.
  if (options.demoUsers) await seedDemoGrants();
  // Demo news and a campaign told as a story with updates: with the demo accounts too.
  if (options.demoUsers) await seedDemoCommunity();
  clearAllCaches();
  return { fundsCreated, usersCreated, ...map };
}

/** An empty database: the whole first seed (funds, demo people and data) runs only then. */
export async function needsFirstSeed(): Promise<boolean> {
  return !(await Fund.exists({}));
}

/**
 * Content a newer version brings to a database seeded before it (the about, contact, privacy and
 * tax pages): added where missing on every start, and nothing else, so funds or organisations
 * staff deleted never come back with an upgrade.
 */
export async function seedNewContent(): Promise<number> {
  // A ledger from before the journal moves into it, figures checked (one indexed read once done).
  await migrateLedgerToJournal();
  // Gifts saved before their top-level lookup fields get them (one indexed read once done).
  await backfillDonationKeys();
  if (await sitePagesSeeded()) return 0;
  return seedSitePages(SITE_PAGE_SEEDS);
}

/** Demo accounts present in this database, for the start-up banner. */
export async function presentDemoUsers(): Promise<{ email: string; roles: Role[] }[]> {
  const found = await User.find({ email: { $in: DEMO_USERS.map((u) => u.email) } }, { email: 1 });
  const emails = new Set(found.map((u) => u.email));
  return DEMO_USERS.filter((u) => emails.has(u.email)).map(({ email, roles }) => ({ email, roles }));
}
