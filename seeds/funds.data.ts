/**
 * The giving menu of the Songkhla Community Foundation's strategy (เมนูการให้ / กองทุนย่อย):
 * seven sub-funds and the permanent endowment, plus a general fund for gifts "where most needed"
 * that the foundation's board allocates. Goals are starting points staff can change.
 */
export interface FundSeed {
  slug: string;
  kind: 'sub_fund' | 'endowment';
  issue: string;
  sortOrder: number;
  goalBaht: number;
  name: { th: string; en: string };
  summary: { th: string; en: string };
  description: { th: string; en: string };
}

export const FUND_SEEDS: FundSeed[] = [
  {
    slug: 'education',
    kind: 'sub_fund',
    issue: 'education',
    sortOrder: 10,
    goalBaht: 500_000,
    name: { th: 'กองทุนเพื่อการศึกษา', en: 'Education Fund' },
    summary: {
      th: 'ทุนการศึกษาและการเรียนรู้ของเด็กและชุมชน ให้ไม่มีใครต้องหยุดเรียนเพราะขาดทุนทรัพย์',
      en: 'Scholarships and community learning, so that no one has to stop studying for lack of money.',
    },
    description: {
      th: 'กองทุนเพื่อการศึกษาสนับสนุนทุนการศึกษาแก่เด็กและเยาวชนที่ขาดแคลน ศูนย์การเรียนรู้ของชุมชน และโครงการพัฒนาครูและหลักสูตรท้องถิ่น ที่ชุมชนเป็นผู้ออกแบบเอง',
      en: 'The Education Fund gives scholarships to children and young people in need, and supports community learning centres and local teacher and curriculum projects designed by the communities themselves.',
    },
  },
  {
    slug: 'children-youth',
    kind: 'sub_fund',
    issue: 'children_youth',
    sortOrder: 20,
    goalBaht: 400_000,
    name: { th: 'กองทุนเพื่อเด็กและเยาวชน', en: 'Children and Youth Fund' },
    summary: {
      th: 'พื้นที่สร้างสรรค์และกิจกรรมของเด็กและเยาวชน ให้เติบโตเป็นพลเมืองที่ดูแลบ้านเกิด',
      en: 'Creative spaces and activities for children and young people, growing citizens who care for their home town.',
    },
    description: {
      th: 'สนับสนุนกลุ่มเยาวชนและสภาเด็กในพื้นที่ กิจกรรมสร้างสรรค์ การป้องกันยาเสพติด และการพัฒนาทักษะชีวิต โดยให้เด็กและเยาวชนเป็นผู้ริเริ่มและลงมือทำ',
      en: 'Supports local youth groups and children’s councils, creative activities, drug prevention and life skills, with children and young people leading the work.',
    },
  },
  {
    slug: 'environment',
    kind: 'sub_fund',
    issue: 'environment',
    sortOrder: 30,
    goalBaht: 400_000,
    name: { th: 'กองทุนสิ่งแวดล้อม', en: 'Environment Fund' },
    summary: {
      th: 'ดูแลป่า ทะเลสาบ ลุ่มน้ำ และทรัพยากรของชุมชนอย่างยั่งยืน',
      en: 'Caring for forests, lakes, river basins and community resources, sustainably.',
    },
    description: {
      th: 'สนับสนุนชุมชนที่ฟื้นฟูและอนุรักษ์ทรัพยากรธรรมชาติ เช่น ทะเลสาบสงขลา ป่าชุมชน และแหล่งน้ำ รวมถึงการจัดการขยะและพลังงานทางเลือกในชุมชน',
      en: 'Supports communities restoring and protecting natural resources such as Songkhla Lake, community forests and water sources, and community waste management and alternative energy.',
    },
  },
  {
    slug: 'elderly',
    kind: 'sub_fund',
    issue: 'elderly',
    sortOrder: 40,
    goalBaht: 300_000,
    name: { th: 'กองทุนผู้สูงอายุ', en: 'Elderly Fund' },
    summary: {
      th: 'ชมรมผู้สูงอายุ การดูแลที่บ้าน และการใช้ภูมิปัญญาของผู้สูงวัยให้เป็นประโยชน์แก่ชุมชน',
      en: 'Elderly clubs, home care, and putting elders’ wisdom to work for the community.',
    },
    description: {
      th: 'สนับสนุนชมรมผู้สูงอายุ อาสาสมัครดูแลผู้สูงอายุที่บ้าน และกิจกรรมส่งต่อภูมิปัญญาท้องถิ่นจากผู้สูงวัยสู่คนรุ่นใหม่',
      en: 'Supports elderly clubs, volunteers who care for elders at home, and activities passing local wisdom from elders to the young.',
    },
  },
  {
    slug: 'disability-disadvantaged',
    kind: 'sub_fund',
    issue: 'disability_disadvantaged',
    sortOrder: 50,
    goalBaht: 300_000,
    name: { th: 'กองทุนผู้พิการและผู้ด้อยโอกาส', en: 'Disability and Disadvantaged Fund' },
    summary: {
      th: 'โอกาสและความเป็นธรรมสำหรับคนพิการและผู้ด้อยโอกาสในชุมชน',
      en: 'Opportunity and fairness for people with disabilities and the disadvantaged.',
    },
    description: {
      th: 'สนับสนุนกลุ่มคนพิการ ครอบครัวผู้ดูแล และผู้ด้อยโอกาส ให้เข้าถึงสิทธิ อาชีพ และการมีส่วนร่วมในชุมชนอย่างเท่าเทียม',
      en: 'Supports groups of people with disabilities, their carers and the disadvantaged in reaching their rights, a livelihood and an equal part in community life.',
    },
  },
  {
    slug: 'media',
    kind: 'sub_fund',
    issue: 'media',
    sortOrder: 60,
    goalBaht: 200_000,
    name: { th: 'กองทุนสื่อ', en: 'Media Fund' },
    summary: {
      th: 'สื่อชุมชนและการสื่อสารสาธารณะ ให้เสียงของชุมชนได้รับการรับฟัง',
      en: 'Community media and public communication, so that communities are heard.',
    },
    description: {
      th: 'สนับสนุนวิทยุชุมชน นักสื่อสารรุ่นใหม่ และการเล่าเรื่องดี ๆ ของชุมชน เพื่อการสื่อสารสาธารณะที่สร้างสรรค์และรู้เท่าทันสื่อ',
      en: 'Supports community radio, young communicators and the telling of communities’ own stories, for constructive public communication and media literacy.',
    },
  },
  {
    slug: 'disaster-relief',
    kind: 'sub_fund',
    issue: 'disaster',
    sortOrder: 70,
    goalBaht: 500_000,
    name: { th: 'กองทุนอุบัติภัย', en: 'Disaster Relief Fund' },
    summary: {
      th: 'ช่วยเหลือเร่งด่วนเมื่อเกิดอุทกภัยและภัยพิบัติ และเตรียมความพร้อมของชุมชน',
      en: 'Fast help when floods and disasters strike, and community preparedness.',
    },
    description: {
      th: 'ระดมความช่วยเหลือเมื่อเกิดน้ำท่วม วาตภัย และอุบัติภัยในพื้นที่ และสนับสนุนชุมชนให้มีแผนรับมือภัยพิบัติและทีมอาสาสมัครของตนเอง',
      en: 'Raises help when floods, storms and accidents hit the area, and supports communities in making their own disaster plans and volunteer teams.',
    },
  },
  {
    slug: 'endowment',
    kind: 'endowment',
    issue: 'endowment',
    sortOrder: 100,
    goalBaht: 10_000_000,
    name: { th: 'กองทุนถาวร', en: 'Permanent Endowment Fund' },
    summary: {
      th: 'เงินต้นเก็บรักษาไว้ตลอดไป ใช้เฉพาะดอกผลเพื่อให้มูลนิธิพึ่งตนเองได้ในระยะยาว',
      en: 'The principal is kept for ever; only its returns are spent, so the foundation can stand on its own.',
    },
    description: {
      th: 'กองทุนถาวรคือรากฐานของการพึ่งตนเองของมูลนิธิชุมชน เงินบริจาคเข้ากองทุนนี้เป็นเงินต้นที่ไม่ถูกใช้จ่าย ดอกผลจากการลงทุนจะนำไปสนับสนุนงานของกองทุนย่อยทุกปี',
      en: 'The endowment is the base of the community foundation’s self-reliance. Gifts to it become principal that is never spent; the returns on it support the sub-funds’ work every year.',
    },
  },
  {
    slug: 'general',
    kind: 'sub_fund',
    issue: 'general',
    sortOrder: 5,
    goalBaht: 300_000,
    name: { th: 'กองทุนทั่วไป (ที่จำเป็นที่สุด)', en: 'General Fund (where most needed)' },
    summary: {
      th: 'ให้มูลนิธิจัดสรรเงินไปยังงานที่จำเป็นที่สุดในขณะนั้น',
      en: 'Let the foundation put your gift where it is needed most right now.',
    },
    description: {
      th: 'เงินบริจาคเข้ากองทุนทั่วไปไม่ระบุวัตถุประสงค์ คณะกรรมการมูลนิธิจัดสรรไปยังกองทุนย่อยหรือเหตุเร่งด่วนที่ต้องการมากที่สุด และรายงานการจัดสรรในหน้าความโปร่งใส',
      en: 'Gifts to the general fund are unrestricted: the foundation’s board allocates them to the sub-fund or urgent need that needs them most, and reports each allocation on the transparency page.',
    },
  },
];
