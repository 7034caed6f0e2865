/**
 * A demo grant call and a demo community group for the demo applicant, so a fresh install shows
 * the whole grants journey (seeded only with the demo accounts, never in production). Fixed ids
 * keep it idempotent; a call staff edited or deleted is left as it is.
 */
import { GrantCall } from '../src/modules/grants/call.model.js';
import { Organisation } from '../src/modules/directory/organisation.model.js';
import { Fund } from '../src/modules/funds/fund.model.js';
import { User } from '../src/modules/accounts/user.model.js';
import { keywordsOf } from '../src/modules/directory/keywords.js';
import { nameKey } from '../src/modules/directory/organisation.service.js';
import { isDuplicateKeyError } from '../src/shared/errors.js';
import { seedId } from './social-map.js';

const DAY = 86_400_000;

export async function seedDemoGrants(now = new Date()): Promise<number> {
  let created = 0;
  const [fund, applicant, reviewer, staff] = await Promise.all([
    Fund.findOne({ slug: 'elderly' }, { _id: 1 }).lean(),
    User.findOne({ email: 'applicant@example.org' }, { _id: 1 }).lean(),
    User.findOne({ email: 'reviewer@example.org' }, { _id: 1 }).lean(),
    User.findOne({ email: 'staff@example.org' }, { _id: 1 }).lean(),
  ]);
  if (!fund || !applicant || !reviewer) return 0;
  const insert = async (exists: () => Promise<unknown>, make: () => Promise<unknown>) => {
    if (await exists()) return;
    try {
      await make();
      created += 1;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  };
  const orgId = seedId('demo:organisation:elderly-club');
  const name = 'ชมรมผู้สูงอายุบ้านนาทวี (ตัวอย่าง)';
  await insert(
    () => Organisation.exists({ _id: orgId }),
    () =>
      Organisation.create({
        _id: orgId,
        name: { th: name, en: 'Na Thawi Elderly Club (sample)' },
        nameKey: nameKey(name, '90'),
        type: 'community_group',
        roles: ['recipient'],
        issues: ['elderly', 'health'],
        targetGroups: ['elderly'],
        description: 'ชมรมผู้สูงอายุที่รวมตัวกันดูแลสุขภาพและเยี่ยมบ้านผู้ป่วยติดเตียงในอำเภอนาทวี',
        home: { provinceCode: '90', districtCode: '9004' },
        needs: [{ kind: 'money', amountSatang: 50_000_00 }, { kind: 'training' }],
        members: 85,
        memberUserIds: [applicant._id],
        sample: true,
        keywords: keywordsOf(name, 'Na Thawi Elderly Club', 'ชมรมผู้สูงอายุ ดูแลสุขภาพ เยี่ยมบ้าน'),
      }),
  );
  const callId = seedId('demo:call:elderly-2570');
  await insert(
    () => GrantCall.exists({ _id: callId }),
    () =>
      GrantCall.create({
        _id: callId,
        fundId: fund._id,
        title: { th: 'ทุนชุมชนดูแลผู้สูงอายุ ปี 2570 (ตัวอย่าง)', en: 'Community care for elders 2027 (sample)' },
        description: {
          th: 'สนับสนุนกลุ่มและชมรมในชุมชนที่ดูแลผู้สูงอายุ ผู้ป่วยติดเตียง และผู้ดูแล โครงการละไม่เกิน 50,000 บาท ระยะเวลาไม่เกิน 12 เดือน',
          en: 'For community groups caring for elders, bedridden patients and their carers: up to 50,000 baht for up to 12 months.',
        },
        eligibility: { orgTypes: [], roles: ['recipient'], provinces: [], issues: ['elderly', 'health'] },
        budgetSatang: 500_000_00,
        maxPerGrantSatang: 50_000_00,
        opensAt: new Date(now.getTime() - DAY),
        closesAt: new Date(now.getTime() + 30 * DAY),
        stages: 1,
        rubric: {
          criteria: [
            {
              key: 'c1',
              name: { th: 'ความจำเป็นของชุมชน', en: 'Community need' },
              description: { th: 'ปัญหาชัดเจน มีข้อมูลสนับสนุน', en: 'A clear problem, with evidence' },
              weight: 3,
            },
            {
              key: 'c2',
              name: { th: 'ความเป็นไปได้', en: 'Feasibility' },
              description: { th: 'กิจกรรมและงบประมาณสมเหตุสมผล', en: 'Sensible activities and budget' },
              weight: 2,
            },
            {
              key: 'c3',
              name: { th: 'การมีส่วนร่วมและความยั่งยืน', en: 'Ownership and sustainability' },
              description: { th: '', en: '' },
              weight: 1,
            },
          ],
          scale: {
            min: 1,
            max: 5,
            descriptors: [
              { score: 1, label: { th: 'อ่อน', en: 'Weak' } },
              { score: 3, label: { th: 'พอใช้', en: 'Fair' } },
              { score: 5, label: { th: 'ดีเยี่ยม', en: 'Excellent' } },
            ],
          },
        },
        committeeUserIds: [reviewer._id],
        reviewsPerApplication: 1,
        reviewDueAt: new Date(now.getTime() + 45 * DAY),
        status: 'open',
        tranchePercents: [60, 40],
        createdBy: staff?._id,
      }),
  );
  return created;
}
