/**
 * Demo news and a demo campaign with its story and updates (seeded with the demo accounts only,
 * never in production): what the Songkhla foundation's strategy asks the website to tell — its
 * fundraising (กองบุญ, a concert), its activities, and where the money went. Fixed ids keep it
 * idempotent; an item staff edited or deleted is left as it is.
 */
import { NewsItem } from '../src/modules/community/news.model.js';
import { Campaign } from '../src/modules/funds/campaign.model.js';
import { CampaignUpdate } from '../src/modules/funds/campaign-update.model.js';
import { Fund } from '../src/modules/funds/fund.model.js';
import { User } from '../src/modules/accounts/user.model.js';
import { isDuplicateKeyError } from '../src/shared/errors.js';
import { seedId } from './social-map.js';

const DAY = 86_400_000;

const NEWS = [
  {
    key: 'merit-fund',
    kind: 'news',
    fund: 'elderly',
    daysAgo: 2,
    title: { th: 'เปิดกองบุญ "ดูแลผู้สูงอายุติดเตียง" ปี 2570', en: 'A merit fund for bedridden elders opens for 2570' },
    summary: {
      th: 'มูลนิธิชุมชนสงขลาชวนร่วมกองบุญดูแลผู้สูงอายุติดเตียงในชุมชน ทุกบาทถึงมือทีมดูแลในพื้นที่',
      en: 'The foundation invites gifts to care for bedridden elders at home; every baht reaches local care teams.',
    },
    body: {
      th: 'กองบุญนี้ช่วยอาสาสมัครดูแลผู้สูงอายุในตำบลต่าง ๆ ของจังหวัดสงขลา\n\n## เงินบริจาคนำไปใช้\n- ผ้าอ้อมและอุปกรณ์ดูแล\n- ค่าเดินทางของอาสาสมัคร\n- อบรมผู้ดูแลในครอบครัว',
      en: 'This merit fund supports volunteers who care for elders across Songkhla.\n\n## What gifts pay for\n- Diapers and care supplies\n- Volunteers’ travel\n- Training for family carers',
    },
  },
  {
    key: 'concert',
    kind: 'activity',
    fund: 'children-youth',
    daysAgo: 9,
    title: {
      th: 'คอนเสิร์ตการกุศล "เสียงเพลงเพื่อน้อง" ระดมทุนได้ 186,400 บาท',
      en: 'Charity concert raises ฿186,400 for children',
    },
    summary: {
      th: 'ศิลปินท้องถิ่นและเยาวชนร่วมแสดงที่ลานวัฒนธรรมหาดใหญ่ รายได้ทั้งหมดเข้ากองทุนเพื่อเด็กและเยาวชน',
      en: 'Local artists and young musicians played in Hat Yai; every baht went to the children and youth fund.',
    },
    body: {
      th: 'ขอบคุณผู้ร่วมงานกว่า 900 คน และอาสาสมัครทีมการตลาดและทีมสื่อที่ช่วยกันจัดงาน\n\nรายได้จะสนับสนุนโครงการของกลุ่มเยาวชนในชุมชนผ่านการเปิดรับข้อเสนอโครงการรอบถัดไป',
      en: 'Thank you to the 900 people who came, and to the marketing and media volunteers who ran the evening.\n\nThe money will support youth groups through the next call for proposals.',
    },
  },
  {
    key: 'forum',
    kind: 'activity',
    fund: undefined,
    daysAgo: 20,
    title: {
      th: 'เวทีเครือข่ายภาคใต้: ชุมชนจัดการตนเองกับภัยพิบัติ',
      en: 'Southern network forum on community-led disaster response',
    },
    summary: {
      th: 'ตัวแทน 42 องค์กรชุมชนร่วมแลกเปลี่ยนบทเรียนการรับมือน้ำท่วมและตกลงแผนงานร่วมกัน',
      en: 'Forty-two community groups shared flood lessons and agreed on a joint plan.',
    },
    body: {
      th: 'ที่ประชุมตกลงจัดทำแผนที่จุดเสี่ยง และตั้งกองทุนฉุกเฉินระดับตำบลที่เชื่อมกับกองทุนช่วยเหลือภัยพิบัติของมูลนิธิ',
      en: 'The forum agreed to map risk points and set up sub-district emergency funds linked to the foundation’s disaster relief fund.',
    },
  },
] as const;

export async function seedDemoCommunity(now = new Date()): Promise<number> {
  const staff = await User.findOne({ email: 'staff@example.org' }, { _id: 1 }).lean();
  if (!staff) return 0;
  let created = 0;
  const insert = async (exists: () => Promise<unknown>, make: () => Promise<unknown>) => {
    if (await exists()) return;
    try {
      await make();
      created += 1;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  };
  for (const item of NEWS) {
    const _id = seedId(`demo:news:${item.key}`);
    const fund = item.fund ? await Fund.findOne({ slug: item.fund }, { _id: 1 }).lean() : null;
    const at = new Date(now.getTime() - item.daysAgo * DAY);
    await insert(
      () => NewsItem.exists({ _id }),
      () =>
        NewsItem.create({
          _id,
          kind: item.kind,
          title: item.title,
          summary: item.summary,
          body: item.body,
          fundId: fund?._id,
          published: true,
          publishedAt: at,
          createdBy: staff._id,
        }),
    );
  }
  const fund = await Fund.findOne({ slug: 'disaster-relief' }, { _id: 1 }).lean();
  if (!fund) return created;
  const campaignId = seedId('demo:campaign:flood-2569');
  await insert(
    () => Campaign.exists({ $or: [{ _id: campaignId }, { slug: 'flood-relief-2569' }] }),
    () =>
      Campaign.create({
        _id: campaignId,
        fundId: fund._id,
        slug: 'flood-relief-2569',
        name: { th: 'ช่วยผู้ประสบอุทกภัยภาคใต้ 2569', en: 'Southern flood relief 2569' },
        description: {
          th: 'ถุงยังชีพ น้ำดื่ม และการซ่อมบ้านหลังน้ำลด สำหรับครอบครัวในอำเภอหาดใหญ่และสะเดา',
          en: 'Relief bags, drinking water and repairs after the water recedes, for families in Hat Yai and Sadao.',
        },
        story: {
          th: 'ฝนตกหนักต่อเนื่องทำให้น้ำท่วมหลายตำบลของอำเภอหาดใหญ่และสะเดา\n\n## สิ่งที่ชุมชนต้องการ\n- ถุงยังชีพ 1,500 ชุด\n- น้ำดื่มสะอาด\n- วัสดุซ่อมบ้านหลังน้ำลด\n\nเครือข่ายชุมชนในพื้นที่เป็นผู้แจกจ่ายและรายงานการใช้เงินทุกเดือน',
          en: 'Days of heavy rain flooded many sub-districts of Hat Yai and Sadao.\n\n## What communities need\n- 1,500 relief bags\n- Clean drinking water\n- Materials to repair homes\n\nLocal community networks hand out the help and report each month on the money.',
        },
        goalSatang: 800_000_00,
        endsAt: new Date(now.getTime() + 40 * DAY),
        createdBy: staff._id,
      }),
  );
  const updates = [
    {
      key: 'first-bags',
      daysAgo: 6,
      title: { th: 'ส่งถุงยังชีพชุดแรก 420 ชุดแล้ว', en: 'The first 420 relief bags are out' },
      body: {
        th: 'อาสาสมัครและเครือข่ายชุมชนตำบลคลองแงะส่งถุงยังชีพถึง 420 ครอบครัว ขอบคุณผู้บริจาคทุกท่าน',
        en: 'Volunteers and the Khlong Ngae network delivered bags to 420 families. Thank you, every donor.',
      },
    },
    {
      key: 'repairs',
      daysAgo: 1,
      title: { th: 'เริ่มซ่อมบ้าน 35 หลังหลังน้ำลด', en: 'Repairs begin on 35 homes' },
      body: {
        th: 'ช่างชุมชนเริ่มซ่อมพื้นและผนังบ้าน 35 หลัง โดยใช้วัสดุจากเงินบริจาค',
        en: 'Community builders began repairing floors and walls of 35 homes with materials bought from gifts.',
      },
    },
  ];
  for (const update of updates) {
    const _id = seedId(`demo:campaign-update:${update.key}`);
    await insert(
      () => CampaignUpdate.exists({ _id }),
      () =>
        CampaignUpdate.create({
          _id,
          campaignId,
          submissionKey: `seed:${update.key}`,
          title: update.title,
          body: update.body,
          postedBy: staff._id,
          createdAt: new Date(now.getTime() - update.daysAgo * DAY),
        }),
    );
  }
  return created;
}
