/**
 * Default content of the foundation's pages (about, contact, privacy notice, tax deduction),
 * Thai first, English complete. The about page follows the Songkhla Community Foundation's own
 * strategy (shared/seeds/songkhla-community-foundation-strategy.th.txt). Facts the sources do not
 * give (registration number, address, phone) are never written here: they come from the
 * foundation's details, which staff set at /admin/pages/details, and show beside the text.
 * Staff edit all of this at /admin/pages; seeding only adds a page that has no version yet.
 * Format: blank lines between paragraphs, "- " list items, "## " headings (site-text.ts).
 */
import type { SitePageSeed } from '../src/modules/site/index.js';

const aboutTh = `มูลนิธิชุมชนสงขลาเป็นมูลนิธิชุมชน (community foundation) ของคนสงขลา ระดมทุนจากคนในพื้นที่และภาคีทุกภาคส่วน แล้วกระจายทุนกลับไปสู่ชุมชนและองค์กรภาคี เพื่อให้ชุมชนเข้มแข็งและพึ่งตนเองได้อย่างยั่งยืน ตามหลัก "ให้ตามความประสงค์ของผู้ให้"

## สิ่งที่เราทำ
- แผนที่ทางสังคม: สำรวจศักยภาพ ปัญหา ทุนทางสังคม และความต้องการของแต่ละพื้นที่ และรวบรวมฐานข้อมูลองค์กรผู้ให้ องค์กรผู้รับ และองค์กรสนับสนุน เพื่อให้ได้รู้จักและทำงานร่วมกัน
- เมนูการให้: กองทุนย่อยที่ผู้ให้เลือกได้เอง เช่น กองทุนเพื่อการศึกษา กองทุนเพื่อเด็กและเยาวชน กองทุนสิ่งแวดล้อม กองทุนผู้สูงอายุ กองทุนผู้พิการและผู้ด้อยโอกาส กองทุนสื่อ และกองทุนอุบัติภัย
- การให้ทุน: สนับสนุนชุมชนและภาคีที่สร้างตัวแบบการพัฒนาซึ่งขยายผลได้ ในประเด็นการศึกษา เด็กและเยาวชน สิ่งแวดล้อม วัฒนธรรม และสุขภาพ
- การจัดการความรู้: ถอดบทเรียนจากการปฏิบัติ ค้นหาตัวแบบ และผลักดันสู่นโยบายสาธารณะ
- การยกย่องบุคคลต้นแบบในจังหวัดสงขลา

## การพึ่งตนเองและกองทุนถาวร
มูลนิธิระดมทุนด้วยการรับบริจาค กองบุญ กิจกรรม และการจำหน่ายสินค้า จากภาครัฐ ท้องถิ่น องค์กรสาธารณกุศล และบุคคลทั่วไป เพื่อตั้งเป็นกองทุนถาวรที่ดอกผลนำมาใช้ทำงานได้ต่อเนื่อง

## ความโปร่งใส
มูลนิธิบริหารสำนักงานอย่างโปร่งใส มีธรรมาภิบาล และตรวจสอบได้ ทุกบาทที่ได้รับและที่ให้ทุนออกไปบันทึกในบัญชีคู่ และแสดงต่อสาธารณะในหน้า "ความโปร่งใส" ของแต่ละกองทุน

เลขทะเบียนมูลนิธิและที่อยู่สำนักงานแสดงไว้ด้านบนของหน้านี้ ติดต่อเราได้ที่หน้า "ติดต่อมูลนิธิ"`;

const aboutEn = `The Songkhla Community Foundation is the community foundation of the people of Songkhla. It raises money from local people and partners in every sector and grants it back to communities and partner organisations, so that communities grow strong and self-reliant, following the principle of "giving according to the giver's wish".

## What we do
- Social map: surveying each area's potential, problems, social capital and needs, and keeping a shared database of givers, recipients and supporting organisations so that they can find each other and work together.
- Giving menu: sub-funds donors choose for themselves, such as education, children and youth, environment, the elderly, people with disabilities and the disadvantaged, media, and disaster relief.
- Grants: support for communities and partners that build models of development others can repeat, in education, children and youth, environment, culture and health.
- Knowledge: learning from practice, finding models that work, and carrying them into public policy.
- Honouring exemplary people of Songkhla.

## Self-reliance and a permanent fund
The foundation raises money through donations, merit funds, events and product sales, from national and local government, charities and individuals, to build a permanent endowment whose returns keep the work going.

## Transparency
The office is run transparently, with good governance, and can be audited. Every baht received and every grant made is recorded in double-entry books and shown publicly on each fund's transparency page.

The foundation's registration number and office address are shown at the top of this page. To reach us, see the Contact page.`;

const contactTh = `ติดต่อมูลนิธิได้ตามช่องทางด้านบน ในวันและเวลาทำการ

## เรื่องที่ติดต่อได้
- การบริจาค ใบเสร็จรับเงิน และการลดหย่อนภาษี: แจ้งเลขอ้างอิงของการให้ (ที่อยู่ในอีเมลยืนยัน) เพื่อให้เจ้าหน้าที่ค้นหาได้เร็ว
- การโอนเงินบริจาค: โอนเข้าบัญชีของมูลนิธิที่แสดงไว้ด้านบนเท่านั้น แล้วแจ้งเจ้าหน้าที่พร้อมหลักฐานการโอน
- การขอทุนและการรายงานผล: ติดต่อเจ้าหน้าที่ผู้ดูแลประกาศทุน
- ข้อมูลส่วนบุคคลของท่าน: ขอสำเนา แก้ไข หรือขอให้ลบ ดูรายละเอียดที่หน้า "นโยบายความเป็นส่วนตัว"

มูลนิธิไม่เคยขอรหัสผ่าน รหัส OTP หรือเลขบัตรเครดิตทางโทรศัพท์หรืออีเมล หากได้รับข้อความเช่นนั้นในนามมูลนิธิ โปรดอย่าตอบและแจ้งเราทันที`;

const contactEn = `You can reach the foundation through the details above during office hours.

## What to contact us about
- Gifts, receipts and tax deduction: give the gift's reference code (in your confirmation email) so that staff can find it quickly.
- Bank transfers: transfer only to the foundation's account shown above, then let staff know with proof of the transfer.
- Grants and reports: contact the staff member named in the call.
- Your personal data: a copy, a correction or deletion; see the Privacy notice.

The foundation never asks for your password, a one-time code or a card number by phone or email. If you receive such a message in the foundation's name, do not answer it and tell us at once.`;

const privacyTh = `มูลนิธิชุมชนสงขลา ("มูลนิธิ") เป็นผู้ควบคุมข้อมูลส่วนบุคคลตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 (PDPA) สำหรับข้อมูลที่เก็บผ่านเว็บไซต์นี้ ประกาศนี้บอกว่าเราเก็บข้อมูลอะไร เพื่ออะไร เก็บไว้นานเท่าใด เปิดเผยแก่ใคร และท่านใช้สิทธิของท่านได้อย่างไร

## ข้อมูลที่เราเก็บ
- บัญชีผู้ใช้: ชื่อ อีเมล ภาษาที่ใช้ บทบาท (เช่น ผู้บริจาค ผู้ขอทุน กรรมการ) วันที่สมัครและเข้าสู่ระบบล่าสุด รหัสผ่านเก็บเป็นค่าแฮชทางเดียวเท่านั้น ไม่มีใครอ่านรหัสผ่านได้
- การให้: ชื่อและอีเมลผู้ให้ จำนวนเงิน กองทุน วันที่ คำอุทิศ และการเลือกไม่ประสงค์ออกนาม หากขอใบเสร็จเพื่อลดหย่อนภาษี: ชื่อเต็ม เลขประจำตัวประชาชนหรือเลขประจำตัวผู้เสียภาษี 13 หลัก ที่อยู่ และความยินยอมให้ส่งข้อมูลเข้าระบบ e-Donation
- การชำระเงินออนไลน์: ทำผ่าน Stripe มูลนิธิไม่เห็นและไม่เก็บเลขบัตร เก็บเพียงเลขอ้างอิงการชำระเงินและประเภทการชำระ
- องค์กรและทุน: ข้อมูลองค์กร ผู้ติดต่อ สมาชิกที่ดูแลองค์กร ข้อเสนอโครงการ ไฟล์แนบ รายงานผล และภาพถ่าย
- งานพิจารณาทุน: คะแนน ความเห็น และการแจ้งส่วนได้เสียของกรรมการ
- อีเมลที่ระบบส่งถึงท่าน (สำเนาในระบบ) และข้อมูลทางเทคนิค: คุกกี้เซสชันและภาษา ที่อยู่ IP ในบันทึกคำขอและตัวนับการจำกัดความถี่

## วัตถุประสงค์และฐานทางกฎหมาย
- เปิดบัญชี รับการให้ ออกใบเสร็จ รับและพิจารณาข้อเสนอขอทุน และจ่ายทุน: เพื่อปฏิบัติตามสัญญาหรือคำขอของท่าน (มาตรา 24 (3))
- บัญชี ใบเสร็จ และหลักฐานทางภาษี: เพื่อปฏิบัติตามกฎหมาย (มาตรา 24 (6))
- ส่งข้อมูลการบริจาคเข้าระบบ e-Donation ของกรมสรรพากร: เมื่อท่านให้ความยินยอมในแบบฟอร์ม
- แสดงองค์กรบนแผนที่ทางสังคม การจับคู่ และข้อมูลเปิด: เมื่อองค์กรเลือกเปิดเผย
- ความปลอดภัยของระบบ ป้องกันการใช้งานในทางที่ผิด และการจำกัดความถี่: ประโยชน์โดยชอบด้วยกฎหมายของมูลนิธิ (มาตรา 24 (5))

## ระยะเวลาที่เก็บ
- บัญชีผู้ใช้: ตลอดเวลาที่ท่านใช้บัญชี หรือจนกว่าท่านขอให้ลบ
- ข้อมูลการเงิน (การให้ ใบเสร็จ บัญชีแยกประเภท การจ่ายทุน): ตามที่กฎหมายบัญชีและภาษีกำหนด โดยทั่วไปอย่างน้อย 5 ปีนับจากสิ้นปีบัญชี และอาจนานกว่านั้นหากหน่วยงานรัฐขอให้เก็บ ข้อมูลเหล่านี้ลบไม่ได้แม้ท่านขอให้ลบบัญชี
- ข้อเสนอโครงการและรายงานผล: ตลอดอายุโครงการและตามระยะเวลาเก็บเอกสารทางบัญชีของทุนนั้น
- เซสชันการเข้าสู่ระบบ: ไม่เกิน 14 วัน บันทึกทางเทคนิค: เท่าที่จำเป็นเพื่อความปลอดภัย

## ผู้ที่ได้รับข้อมูล
- Stripe ผู้ให้บริการรับชำระเงิน (อาจประมวลผลนอกประเทศไทย)
- กรมสรรพากร: เฉพาะการให้ที่ท่านยินยอมให้ส่งเข้าระบบ e-Donation หรือเมื่อกฎหมายกำหนด
- ผู้ให้บริการส่งอีเมลและผู้ให้บริการเซิร์ฟเวอร์ ซึ่งประมวลผลตามคำสั่งของมูลนิธิ
- กรรมการพิจารณาทุนเห็นข้อเสนอที่ได้รับมอบหมาย สาธารณะเห็นยอดรวมของกองทุน และชื่อผู้ให้เฉพาะเมื่อท่านไม่ได้เลือกไม่ประสงค์ออกนาม
- มูลนิธิไม่ขายข้อมูลส่วนบุคคล

## สิทธิของท่าน
ท่านมีสิทธิขอเข้าถึงและรับสำเนาข้อมูล ขอแก้ไข ขอให้ลบ ขอระงับการใช้ คัดค้าน ขอโอนย้ายข้อมูล และถอนความยินยอมได้ทุกเมื่อ
- ขอสำเนา: ดาวน์โหลดไฟล์ข้อมูลของท่านได้ที่หน้า "บัญชีของฉัน"
- แก้ไข: แก้ชื่อและภาษาได้เองที่หน้า "บัญชีของฉัน" เรื่องอื่นแจ้งเจ้าหน้าที่
- ขอให้ลบ: ส่งคำขอได้ที่หน้า "บัญชีของฉัน" เจ้าหน้าที่จะตอบภายใน 30 วัน ข้อมูลการเงินที่กฎหมายให้เก็บจะยังคงอยู่ ส่วนอื่นจะถูกลบหรือทำให้ไม่ระบุตัวตน
- หากเห็นว่ามูลนิธิปฏิบัติไม่ถูกต้อง ท่านร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล (สคส.) ได้

## ติดต่อผู้ควบคุมข้อมูล
ติดต่อมูลนิธิตามที่อยู่ โทรศัพท์ หรืออีเมลในหน้า "ติดต่อมูลนิธิ" โดยระบุว่าเป็นเรื่องข้อมูลส่วนบุคคล`;

const privacyEn = `The Songkhla Community Foundation ("the foundation") is the data controller, under Thailand's Personal Data Protection Act B.E. 2562 (2019, "PDPA"), for the data collected through this website. This notice says what we keep, why, for how long, who receives it, and how you use your rights.

## What we keep
- Your account: name, email, language, roles (such as donor, applicant, committee member), when you registered and last logged in. Passwords are stored only as a one-way hash: nobody can read them.
- Gifts: the giver's name and email, amount, fund, date, dedication and whether the gift is anonymous. If you ask for a tax receipt: full name, 13-digit national ID or tax ID, address, and whether you agree to the gift being sent to e-Donation.
- Online payments: made through Stripe. The foundation never sees or keeps card numbers; it keeps the payment's reference and method.
- Organisations and grants: organisation details, contacts, the members who manage it, proposals, attachments, reports and photos.
- Grant reviews: committee members' scores, comments and conflict-of-interest declarations.
- Emails the system sends you (a copy is kept) and technical data: session and language cookies, IP addresses in request logs and rate-limit counters.

## Why, and on what lawful basis
- Running your account, taking gifts, issuing receipts, receiving and reviewing grant proposals, paying grants: to perform a contract or your request (section 24(3)).
- Accounts, receipts and tax records: to comply with the law (section 24(6)).
- Sending gifts to the Revenue Department's e-Donation system: with your consent, given on the form.
- Showing organisations on the social map, in matching and in open data: when the organisation chooses to share.
- Keeping the system safe, preventing abuse and rate limiting: the foundation's legitimate interest (section 24(5)).

## How long
- Your account: while you use it, or until you ask for it to be deleted.
- Money records (gifts, receipts, the ledger, grant payments): as accounting and tax law require, generally at least 5 years after the end of the accounting year, longer if an authority asks. These cannot be deleted even when you ask for your account to be deleted.
- Proposals and reports: for the life of the grant and as long as its accounting records are kept.
- Login sessions: at most 14 days. Technical logs: only as long as needed for security.

## Who receives it
- Stripe, the payment provider (it may process data outside Thailand).
- The Revenue Department: only gifts you agreed to send to e-Donation, or where the law requires.
- The email and hosting providers, which process data on the foundation's instructions.
- Committee members see the proposals assigned to them. The public sees fund totals, and a giver's name only when the gift is not anonymous.
- The foundation never sells personal data.

## Your rights
You may ask for access to and a copy of your data, correction, deletion, restriction, objection, portability, and withdraw consent at any time.
- A copy: download a file of your data on the "My account" page.
- Correction: change your name and language yourself on "My account"; for anything else, ask staff.
- Deletion: ask on the "My account" page; staff answer within 30 days. Money records the law requires us to keep stay; the rest is deleted or anonymised.
- If you think the foundation has not handled your data properly, you may complain to the Office of the Personal Data Protection Committee (PDPC).

## The data controller's contact
Contact the foundation at the address, phone or email on the Contact page, saying that it is about personal data.`;

const taxTh = `เงินที่ให้มูลนิธิอาจนำไปลดหย่อนภาษีเงินได้ได้ หน้านี้อธิบายหลักทั่วไปเท่านั้น กฎหมายภาษีเปลี่ยนได้และขึ้นกับกรณีของแต่ละคน โปรดสอบถามที่ปรึกษาภาษีหรือกรมสรรพากร (โทร 1161) ก่อนยื่นแบบ

## ใครลดหย่อนได้
- การลดหย่อนใช้ได้เฉพาะเมื่อมูลนิธิอยู่ในรายชื่อองค์การหรือสถานสาธารณกุศลที่กระทรวงการคลังประกาศ ณ วันที่ให้ หากไม่แน่ใจ สอบถามมูลนิธิได้ที่หน้า "ติดต่อมูลนิธิ"
- บุคคลธรรมดา: โดยทั่วไปหักได้ตามจำนวนที่จ่ายจริง แต่ไม่เกินร้อยละ 10 ของเงินได้หลังหักค่าใช้จ่ายและค่าลดหย่อนอื่น
- นิติบุคคล: โดยทั่วไปถือเป็นรายจ่ายได้ไม่เกินร้อยละ 2 ของกำไรสุทธิ
- การหักได้มากกว่าจำนวนที่จ่าย (เช่น สองเท่า) มีเฉพาะบางกรณีตามที่กฎหมายกำหนด อย่าคาดว่าจะได้โดยไม่ได้ตรวจสอบ

## e-Donation
e-Donation คือระบบของกรมสรรพากรที่หน่วยรับบริจาคบันทึกการบริจาคให้โดยตรง เมื่อมูลนิธิส่งข้อมูลการให้ของท่านเข้าระบบแล้ว ท่านไม่ต้องใช้ใบเสร็จกระดาษประกอบการยื่นแบบ และตรวจสอบรายการได้ในบริการของกรมสรรพากร (เช่น แอป RD Smart Tax) สำหรับหน่วยรับบริจาคที่เข้าร่วมระบบ กรมสรรพากรโดยทั่วไปรับการลดหย่อนเฉพาะรายการที่บันทึกในระบบ
- ในแบบฟอร์มการให้ ให้เลือก "ต้องการใบเสร็จเพื่อลดหย่อนภาษี"
- กรอกชื่อเต็มตามบัตร และเลขประจำตัวประชาชน 13 หลัก (หรือเลขประจำตัวผู้เสียภาษีของนิติบุคคล) ให้ถูกต้อง เพราะระบบจับคู่รายการกับเลขนี้
- เลือกยินยอมให้มูลนิธิส่งข้อมูลเข้าระบบ e-Donation
- การให้แบบไม่ประสงค์ออกนาม หรือไม่มีเลขประจำตัว ใช้ลดหย่อนไม่ได้

## ใบเสร็จรับเงิน
เมื่อได้รับเงินแล้ว มูลนิธิออกใบเสร็จรับเงินมีเลขที่ ระบุชื่อผู้ให้ จำนวนเงิน วันที่ และกองทุน ดาวน์โหลดได้จากอีเมลยืนยันหรือหน้า "การให้ของฉัน" ซึ่งมีสรุปยอดรายปีด้วย โปรดเก็บใบเสร็จไว้เป็นหลักฐาน หากข้อมูลผิด (ชื่อ เลขประจำตัว) แจ้งมูลนิธิโดยเร็ว ก่อนยื่นแบบภาษี

การให้ที่ได้รับคืน (คืนเงิน) ใช้ลดหย่อนไม่ได้ในส่วนที่ได้รับคืน`;

const taxEn = `Gifts to the foundation may be deductible from Thai income tax. This page explains the general rules only: tax law changes and depends on each person's situation, so please ask your tax adviser or the Revenue Department (call 1161) before you file.

## Who can deduct
- A deduction is possible only while the foundation is on the Ministry of Finance's list of public charitable organisations on the day you give. If unsure, ask the foundation (see the Contact page).
- Individuals: generally the amount actually given, up to 10% of income after expenses and other allowances.
- Companies: generally an expense of up to 2% of net profit.
- Deductions larger than the gift (such as double) apply only in specific cases the law sets out; do not count on one without checking.

## e-Donation
e-Donation is the Revenue Department's system in which a recipient records gifts directly. Once the foundation has sent your gift to the system, you do not need a paper receipt with your return, and you can check it in the Revenue Department's services (such as the RD Smart Tax app). For recipients that take part in the system, the Revenue Department generally accepts a deduction only for gifts recorded there.
- On the giving form, choose "I want a receipt for tax deduction".
- Enter your full name as on your ID card and your 13-digit national ID (or a company's tax ID) exactly: the system matches gifts by this number.
- Agree that the foundation sends the details to e-Donation.
- Anonymous gifts, and gifts without an ID number, cannot be deducted.

## Receipts
Once the money has arrived, the foundation issues a numbered receipt with the giver's name, amount, date and fund. Download it from your confirmation email or the "My gifts" page, which also has a yearly summary. Keep the receipt as evidence. If anything is wrong (name, ID number), tell the foundation quickly, before you file your tax return.

The part of a gift that was refunded cannot be deducted.`;

export const SITE_PAGE_SEEDS: readonly SitePageSeed[] = [
  { slug: 'about', title: { th: 'เกี่ยวกับมูลนิธิ', en: 'About the foundation' }, body: { th: aboutTh, en: aboutEn } },
  { slug: 'contact', title: { th: 'ติดต่อมูลนิธิ', en: 'Contact' }, body: { th: contactTh, en: contactEn } },
  {
    slug: 'privacy',
    title: { th: 'นโยบายความเป็นส่วนตัว', en: 'Privacy notice' },
    body: { th: privacyTh, en: privacyEn },
  },
  { slug: 'tax-deduction', title: { th: 'การลดหย่อนภาษี', en: 'Tax deduction' }, body: { th: taxTh, en: taxEn } },
];
