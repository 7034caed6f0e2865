/** Grant-call test data, made through the real services. */
import { createCall, publishCall, type CallInput } from '../../src/modules/grants/call.service.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { assignReviewers, declareConflict, saveReview } from '../../src/modules/grants/review.service.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

export function callInput(overrides: Partial<CallInput> = {}): CallInput {
  const now = Date.now();
  return {
    fundSlug: 'elderly',
    titleTh: 'ทุนพัฒนาคุณภาพชีวิตผู้สูงอายุ ปี 2570',
    titleEn: 'Better lives for elders 2027',
    descriptionTh: 'สนับสนุนกลุ่มผู้สูงอายุในชุมชน',
    descriptionEn: 'Support for community elderly groups',
    orgTypes: [],
    roles: ['recipient'],
    provinces: [],
    issues: [],
    budgetSatang: 500_000_00,
    maxPerGrantSatang: 100_000_00,
    opensAt: new Date(now - 86_400_000),
    closesAt: new Date(now + 7 * 86_400_000),
    stages: 1,
    fullProposalClosesAt: undefined,
    criteria: [
      { key: 'need', nameTh: 'ความจำเป็น', nameEn: 'Need', descriptionTh: '', descriptionEn: '', weight: 3 },
      {
        key: 'feasibility',
        nameTh: 'ความเป็นไปได้',
        nameEn: 'Feasibility',
        descriptionTh: '',
        descriptionEn: '',
        weight: 2,
      },
      {
        key: 'community',
        nameTh: 'การมีส่วนร่วมของชุมชน',
        nameEn: 'Community ownership',
        descriptionTh: '',
        descriptionEn: '',
        weight: 1,
      },
    ],
    scaleMin: 1,
    scaleMax: 5,
    descriptors: [
      { score: 1, labelTh: 'อ่อน', labelEn: 'Weak' },
      { score: 5, labelTh: 'ดีเยี่ยม', labelEn: 'Excellent' },
    ],
    committeeEmails: [],
    reviewsPerApplication: 2,
    reviewDueAt: new Date(now + 30 * 86_400_000),
    blindReview: false,
    tranchePercents: [60, 40],
    ...overrides,
  };
}

export async function makeCall(staff: PublicUser, overrides: Partial<CallInput> = {}): Promise<string> {
  const id = await createCall(staff, callInput(overrides));
  await publishCall(staff, id);
  return id;
}

// Organisations and money come from the factories (kept here under their old names while files move over).
export { organisationInput as orgInput, makeOrganisation as makeOrg, fundMoney } from './factories.js';

/** A complete proposal (passes every submission check) asking for `amountSatang`. */
export function proposal(amountSatang: number) {
  return {
    title: 'ลานสุขภาพผู้สูงอายุตำบลนาทวี',
    problem: 'ผู้สูงอายุในตำบลขาดพื้นที่ออกกำลังกายและพบปะกัน',
    objectives: 'ผู้สูงอายุ 80 คน ออกกำลังกายสัปดาห์ละ 3 วัน',
    activities: [{ activity: 'อบรมแกนนำออกกำลังกาย', timing: 'เดือนที่ 1' }],
    targetGroup: 'ผู้สูงอายุในตำบล',
    beneficiaries: 80,
    area: { provinceCode: '90', districtCode: '9001' },
    budgetLines: [{ item: 'อุปกรณ์ออกกำลังกาย', quantity: 1, unitCostSatang: amountSatang }],
    coFunding: [],
    results: [{ result: 'ผู้สูงอายุออกกำลังกายสม่ำเสมอ', indicator: 'จำนวนผู้เข้าร่วม', target: '80 คน' }],
  };
}

/**
 * An application of `member`'s organisation, submitted and sent to review by `staff`, with
 * `reviewerIds` assigned (none: left for assignment).
 */
export async function applicationInReview(
  staff: PublicUser,
  member: PublicUser,
  callId: string,
  orgId: string,
  reviewerIds: string[] = [],
  amountSatang = 10_000_00,
): Promise<string> {
  const id = await startApplication(member, callId, orgId);
  await saveApplication(member, id, proposal(amountSatang));
  await transition(member, id, { action: 'submit' });
  await transition(staff, id, { action: 'start_screening' });
  await transition(staff, id, { action: 'send_to_review' });
  if (reviewerIds.length) await assignReviewers(staff, id, reviewerIds);
  return id;
}

/**
 * A saved draft taken the whole way to approval: submitted by `member`, screened and sent to review
 * by `staff`, scored and submitted by `reviewer` (no conflict), the review closed and approved.
 */
export async function approveDraft(
  member: PublicUser,
  staff: PublicUser,
  reviewer: PublicUser,
  id: string,
  comment = '',
): Promise<void> {
  await transition(member, id, { action: 'submit' });
  await transition(staff, id, { action: 'start_screening' });
  await transition(staff, id, { action: 'send_to_review' });
  await assignReviewers(staff, id, [reviewer.id]);
  await declareConflict(reviewer, id, { conflict: false, note: '' });
  await saveReview(reviewer, id, {
    scores: { need: 4, feasibility: 4, community: 4 },
    recommendation: 'fund',
    commentForStaff: '',
    commentForApplicant: '',
    submit: true,
  });
  await transition(staff, id, { action: 'finish_review' });
  await transition(staff, id, { action: 'approve', comment });
}
