/**
 * The Community Organisation Network Development Association of Surin (สมาคมพัฒนาเครือข่ายองค์กร
 * ชุมชน จ.สุรินทร์), from ../shared/seeds/surin-community-network-association.th.txt: its 10 networks
 * with their real names, organisation counts and member totals. The member organisations' names
 * are not published, so they are generated (marked as sample data) with member counts that add
 * up to each network's total.
 */
export interface SurinNetwork {
  slug: string;
  th: string;
  en: string;
  organisations: number;
  members: number;
  issues: string[];
  /** What the generated organisations are called, and their type. */
  orgPrefix: string;
  orgType: 'community_group' | 'association' | 'network';
  targetGroups: string[];
}

export const SURIN_PROVINCE = '32';

export const SURIN_ASSOCIATION = {
  th: 'สมาคมพัฒนาเครือข่ายองค์กรชุมชน',
  en: 'Community Organisation Network Development Association',
};

export const SURIN_NETWORKS: SurinNetwork[] = [
  {
    slug: 'surin-occupation-media',
    th: 'เครือข่ายวิชาชีพและสื่อชุมชนจังหวัดสุรินทร์',
    en: 'Surin Occupations and Community Media Network',
    organisations: 10,
    members: 680,
    issues: ['media', 'community_economy'],
    orgPrefix: 'กลุ่มอาชีพและสื่อชุมชน',
    orgType: 'community_group',
    targetGroups: ['general_public'],
  },
  {
    slug: 'surin-elderly-clubs',
    th: 'เครือข่ายชมรมผู้สูงอายุจังหวัดสุรินทร์',
    en: 'Surin Elderly Clubs Network',
    organisations: 55,
    members: 10_700,
    issues: ['elderly', 'health'],
    orgPrefix: 'ชมรมผู้สูงอายุ',
    orgType: 'community_group',
    targetGroups: ['elderly'],
  },
  {
    slug: 'surin-youth',
    th: 'เครือข่ายองค์กรเยาวชน จ.สุรินทร์',
    en: 'Surin Youth Organisations Network',
    organisations: 30,
    members: 3_168,
    issues: ['children_youth', 'education'],
    orgPrefix: 'กลุ่มเยาวชน',
    orgType: 'community_group',
    targetGroups: ['youth'],
  },
  {
    slug: 'mun-river-basin',
    th: 'เครือข่ายพัฒนาลุ่มน้ำมูล',
    en: 'Mun River Basin Development Network',
    organisations: 10,
    members: 1_300,
    issues: ['environment', 'farmers'],
    orgPrefix: 'กลุ่มอนุรักษ์ลุ่มน้ำมูล',
    orgType: 'community_group',
    targetGroups: ['farmers'],
  },
  {
    slug: 'isan-small-farmers',
    th: 'เครือข่ายสมัชชาเกษตรกรรายย่อย (๑) ภาคอีสาน',
    en: 'Small Farmers’ Assembly (1) of Isan',
    organisations: 11,
    members: 800,
    issues: ['farmers', 'community_economy'],
    orgPrefix: 'กลุ่มเกษตรกรรายย่อย',
    orgType: 'community_group',
    targetGroups: ['farmers'],
  },
  {
    slug: 'surin-community-culture',
    th: 'เครือข่ายวัฒนธรรมชุมชน',
    en: 'Community Culture Network',
    organisations: 20,
    members: 2_000,
    issues: ['culture'],
    orgPrefix: 'กลุ่มวัฒนธรรมชุมชน',
    orgType: 'community_group',
    targetGroups: ['general_public'],
  },
  {
    slug: 'surin-citizens-politics',
    th: 'เครือข่ายการเมืองภาคประชาชน จ.สุรินทร์',
    en: 'Surin Citizens’ Politics Network',
    organisations: 6,
    members: 335,
    issues: ['civic_participation', 'human_rights'],
    orgPrefix: 'กลุ่มการเมืองภาคประชาชน',
    orgType: 'community_group',
    targetGroups: ['general_public'],
  },
  {
    slug: 'surin-border-communities',
    th: 'เครือข่ายสานรักษ์ชายแดน',
    en: 'Border Communities Network',
    organisations: 8,
    members: 450,
    issues: ['community_economy', 'culture'],
    orgPrefix: 'กลุ่มสานรักษ์ชายแดน',
    orgType: 'community_group',
    targetGroups: ['ethnic_minorities'],
  },
  {
    slug: 'surin-district-centres',
    th: 'เครือข่ายศูนย์ประสานงานองค์กรชุมชนระดับอำเภอ',
    en: 'District Community Organisation Coordination Centres',
    organisations: 17,
    members: 1_970,
    issues: ['civic_participation'],
    orgPrefix: 'ศูนย์ประสานงานองค์กรชุมชนอำเภอ',
    orgType: 'network',
    targetGroups: ['general_public'],
  },
  {
    slug: 'surin-environment-volunteers',
    th: 'เครือข่ายอาสาสมัครพิทักษ์สิ่งแวดล้อม',
    en: 'Environmental Protection Volunteers Network',
    organisations: 10,
    members: 2_000,
    issues: ['environment'],
    orgPrefix: 'กลุ่มอาสาสมัครพิทักษ์สิ่งแวดล้อม',
    orgType: 'community_group',
    targetGroups: ['general_public'],
  },
];

/** Village names used to make the generated organisations' names (common in Surin). */
export const SAMPLE_VILLAGES = [
  'บ้านตากลาง',
  'บ้านโคกสะอาด',
  'บ้านหนองบัว',
  'บ้านสวาย',
  'บ้านนาบัว',
  'บ้านโพนครก',
  'บ้านกระเบื้อง',
  'บ้านจารย์',
  'บ้านตรึม',
  'บ้านเมืองที',
  'บ้านแสลงพันธ์',
  'บ้านดงมัน',
  'บ้านทับทัน',
  'บ้านหัวช้าง',
  'บ้านโนนสูง',
  'บ้านปราสาท',
  'บ้านสะเดา',
  'บ้านตาเตียว',
  'บ้านบุฤาษี',
  'บ้านกุดหวาย',
];

/** Splits a total into n whole parts that differ by at most one and add up exactly. */
export function splitTotal(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  const extra = total % n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}
