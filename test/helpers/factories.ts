/**
 * Test data made through the real services (or, where no service writes it, the real model) on
 * the real database: never hand-written documents, never mocks. Each factory takes the acting
 * person its service asks for and returns the new record's id.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { registerUser } from '../../src/modules/accounts/user.service.js';
import { markEmailVerified } from '../../src/modules/accounts/email-verification.service.js';
import { createOrganisation, type OrganisationInput } from '../../src/modules/directory/organisation.service.js';
import { Network } from '../../src/modules/directory/network.model.js';
import { recordOfflineGift, type OfflineGiftInput } from '../../src/modules/funds/donation-offline.service.js';
import type { DonorInput } from '../../src/modules/funds/donation-start.service.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { makeAward as awardApplication } from '../../src/modules/grants/award.service.js';
import type { Role } from '../../src/shared/actor.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';
import { approveDraft, proposal } from './grants.js';

export const PASSWORD = 'correct-horse-battery';

/** A registered person; their address is verified unless `verified: false` (as after sign-up, before the link). */
export async function makeUser(
  options: { roles?: Role[]; name?: string; email?: string; language?: 'th' | 'en'; verified?: boolean } = {},
): Promise<PublicUser> {
  const user = await registerUser(
    {
      name: options.name ?? 'สมชาย ใจดี',
      email: options.email ?? `u-${randomBytes(5).toString('hex')}@example.org`,
      password: PASSWORD,
      preferredLanguage: options.language ?? 'th',
    },
    options.roles ?? ['donor'],
  );
  if (options.verified === false) return user;
  await markEmailVerified(user.id);
  return { ...user, emailVerified: true };
}

/** The organisation form's input: an elderly club in Songkhla that asks for money, under a unique name. */
export function organisationInput(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  return {
    nameTh: `ชมรมผู้สูงอายุทดสอบ ${randomBytes(3).toString('hex')}`,
    nameEn: '',
    type: 'community_group',
    roles: ['recipient'],
    issues: ['elderly'],
    targetGroups: ['elderly'],
    description: '',
    home: { provinceCode: '90', districtCode: '9001' },
    areasServed: [],
    offers: [],
    needs: [],
    members: 30,
    budgetBand: null,
    registrationNumber: '',
    registeredWith: '',
    publicContact: {},
    privateContact: {},
    networkIds: [],
    matchingOptIn: true,
    confirmDuplicate: true,
    ...overrides,
  };
}

/** An organisation `member` registers (and so belongs to). */
export async function makeOrganisation(
  member: PublicUser,
  overrides: Partial<OrganisationInput> = {},
): Promise<string> {
  return createOrganisation(member, organisationInput(overrides));
}

/** A network of the social map (networks come from the seed data: no service writes one). */
export async function makeNetwork(
  overrides: { slug?: string; th?: string; en?: string; provinceCode?: string } = {},
): Promise<string> {
  const network = await Network.create({
    slug: overrides.slug ?? `net-${randomBytes(4).toString('hex')}`,
    name: { th: overrides.th ?? 'เครือข่ายทดสอบ', en: overrides.en ?? 'Test network' },
    provinceCode: overrides.provinceCode ?? '90',
  });
  return network._id.toString();
}

/**
 * A gift staff record (bank transfer unless `channel` says otherwise), confirmed at once through
 * the ledger and receipt path. `donor` may be a person (the gift is then theirs) or a guest.
 */
export async function makeDonation(
  staff: PublicUser,
  options: Partial<Omit<OfflineGiftInput, 'donor'>> & { donor?: PublicUser | DonorInput } = {},
): Promise<string> {
  const { donor, ...rest } = options;
  return recordOfflineGift(staff, {
    fundSlug: 'education',
    amountSatang: 1_000_00,
    channel: 'bank_transfer',
    receivedAt: new Date(Date.now() - 60_000),
    reference: `test-${randomBytes(3).toString('hex')}`,
    submissionId: randomUUID(),
    ...rest,
    donor: donorOf(donor),
  });
}

function donorOf(donor: PublicUser | DonorInput | undefined): DonorInput {
  if (!donor) return { name: 'ผู้บริจาคทดสอบ', email: 'donor@example.org', anonymous: false, locale: 'th' };
  if ('locale' in donor) return donor;
  return { name: donor.name, email: donor.email, anonymous: false, locale: 'th', userId: donor.id };
}

/** Money into a fund through the real offline-gift path (ledger and receipt). */
export async function fundMoney(staff: PublicUser, fundSlug: string, amountSatang: number): Promise<void> {
  await makeDonation(staff, { fundSlug, amountSatang });
}

/**
 * A grant: `member`'s organisation applies to `callId` with a complete proposal asking for
 * `amountSatang` (or `budgetLines`), `reviewer` (on the call's committee) scores it, `staff`
 * approve it and award the amount asked. The fund needs the money (see `fundMoney`).
 */
export async function makeAward(
  people: { staff: PublicUser; member: PublicUser; reviewer: PublicUser },
  options: {
    callId: string;
    orgId: string;
    amountSatang?: number;
    budgetLines?: ReturnType<typeof proposal>['budgetLines'];
    conditions?: string;
    comment?: string;
  },
): Promise<{ awardId: string; applicationId: string }> {
  const { staff, member, reviewer } = people;
  const budgetLines = options.budgetLines ?? proposal(options.amountSatang ?? 10_000_00).budgetLines;
  const amountSatang = budgetLines.reduce((sum, l) => sum + l.quantity * l.unitCostSatang, 0);
  const applicationId = await startApplication(member, options.callId, options.orgId);
  await saveApplication(member, applicationId, { ...proposal(amountSatang), budgetLines });
  await approveDraft(member, staff, reviewer, applicationId, options.comment ?? '');
  const awardId = await awardApplication(staff, applicationId, {
    amountSatang,
    conditions: options.conditions ?? '',
  });
  return { awardId, applicationId };
}
