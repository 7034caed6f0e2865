/**
 * Honours (ยกย่องเชิดชูบุคคลต้นแบบ), pure: the nomination workflow as data, the categories a new
 * round starts with, when a round takes nominations, what a nominator is told of their
 * nomination, and whether nominator and nominee are one person. Services call these; unit tests
 * pin them down.
 */
import type { Transition, Workflow } from '../../shared/workflow.js';

export const NOMINATION_STATES = [
  'submitted',
  'eligible',
  'ineligible',
  'shortlisted',
  'selected',
  'not_selected',
  'withdrawn',
] as const;
export type NominationState = (typeof NOMINATION_STATES)[number];

/** Staff screen and decide; the nominator may withdraw; the system closes what is left at announcement. */
export const NOMINATION_ROLES = ['staff', 'nominator', 'system'] as const;
export type NominationRole = (typeof NOMINATION_ROLES)[number];

export const NOMINATION_ACTIONS = [
  'screen_eligible',
  'screen_ineligible',
  'rescreen',
  'shortlist',
  'unshortlist',
  'select',
  'not_select',
  'reconsider',
  'withdraw',
  'close',
] as const;
export type NominationAction = (typeof NOMINATION_ACTIONS)[number];

export interface NominationTransition extends Transition<NominationState, NominationRole, NominationAction> {
  /** Selecting needs the nominee's (or family's) consent on record and a citation to publish. */
  needsConsent?: boolean;
}

export interface NominationWorkflow extends Workflow<NominationState, NominationRole, NominationAction> {
  transitions: readonly NominationTransition[];
}

export const nominationWorkflow: NominationWorkflow = {
  states: NOMINATION_STATES,
  initial: ['submitted'],
  transitions: [
    { action: 'screen_eligible', from: ['submitted'], to: 'eligible', roles: ['staff'] },
    // A nomination found ineligible says why (the nominator may ask).
    { action: 'screen_ineligible', from: ['submitted'], to: 'ineligible', roles: ['staff'], needsComment: true },
    { action: 'rescreen', from: ['eligible', 'ineligible'], to: 'submitted', roles: ['staff'] },
    { action: 'shortlist', from: ['eligible'], to: 'shortlisted', roles: ['staff'] },
    { action: 'unshortlist', from: ['shortlisted'], to: 'eligible', roles: ['staff'] },
    // The committee's rationale is recorded with the decision, either way.
    {
      action: 'select',
      from: ['shortlisted'],
      to: 'selected',
      roles: ['staff'],
      needsComment: true,
      needsConsent: true,
    },
    {
      action: 'not_select',
      from: ['eligible', 'shortlisted'],
      to: 'not_selected',
      roles: ['staff'],
      needsComment: true,
    },
    { action: 'reconsider', from: ['selected', 'not_selected'], to: 'shortlisted', roles: ['staff'] },
    { action: 'withdraw', from: ['submitted', 'eligible', 'shortlisted'], to: 'withdrawn', roles: ['nominator'] },
    { action: 'close', from: ['submitted', 'eligible', 'shortlisted'], to: 'not_selected', roles: ['system'] },
  ],
};

/** Where the committee may score: screened in and not yet decided. */
export const SCORABLE_STATES: readonly NominationState[] = ['eligible', 'shortlisted'];

/** What the nominator reads: the committee's deliberations stay private until the round is announced. */
export type NominatorStatus = 'received' | 'ineligible' | 'in_review' | 'honoured' | 'not_honoured' | 'withdrawn';

export function nominatorStatusOf(state: NominationState, announced: boolean): NominatorStatus {
  if (state === 'withdrawn') return 'withdrawn';
  if (state === 'ineligible') return 'ineligible';
  if (state === 'submitted') return 'received';
  if (!announced) return 'in_review';
  return state === 'selected' ? 'honoured' : 'not_honoured';
}

/** The categories a new round offers (staff may rename, drop or add). */
export const DEFAULT_CATEGORIES: readonly { key: string; th: string; en: string }[] = [
  { key: 'community_leader', th: 'ผู้นำชุมชน', en: 'Community leader' },
  { key: 'youth', th: 'เยาวชน', en: 'Youth' },
  { key: 'elder', th: 'ผู้สูงอายุ', en: 'Elder' },
  { key: 'environment', th: 'สิ่งแวดล้อม', en: 'Environment' },
  { key: 'culture', th: 'ศิลปวัฒนธรรม', en: 'Arts and culture' },
  { key: 'posthumous', th: 'ผู้ล่วงลับ (เชิดชูเกียรติหลังมรณกรรม)', en: 'Posthumous' },
];

/** A round takes nominations once published, between its opening and closing times. */
export function takesNominations(
  round: { status: string; opensAt: Date; closesAt: Date },
  now: Date,
): 'open' | 'not_yet' | 'closed' {
  if (round.status !== 'published' || now.getTime() > round.closesAt.getTime()) return 'closed';
  return now.getTime() < round.opensAt.getTime() ? 'not_yet' : 'open';
}

const TITLES =
  /^(นางสาว|นาย|นาง|น\.ส\.|ด\.ช\.|ด\.ญ\.|เด็กชาย|เด็กหญิง|ดร\.|ผศ\.|รศ\.|ศ\.|พระ|mr\.?|mrs\.?|ms\.?|miss|dr\.?)\s*/iu;

/**
 * A name reduced to what identifies it: no title (นาย, นางสาว, Mr), no spaces or dots, lower case,
 * Thai tone marks kept. "นาย สมชาย  ใจดี" and "สมชาย ใจดี" are one person.
 */
export function personKey(name: string): string {
  let rest = name.normalize('NFC').trim();
  for (let i = 0; i < 3 && TITLES.test(rest); i++) rest = rest.replace(TITLES, '');
  return rest.replace(/[\s.\u200b]+/gu, '').toLocaleLowerCase('en');
}

/** Nobody nominates themself: the same name (after titles and spacing) or the same email is refused. */
export function nominatesSelf(
  nominator: { name: string; email?: string | undefined },
  nominee: { name: string; contact?: string | undefined },
): boolean {
  if (personKey(nominator.name) !== '' && personKey(nominator.name) === personKey(nominee.name)) return true;
  const email = nominator.email?.trim().toLowerCase();
  return Boolean(email && nominee.contact?.toLowerCase().includes(email));
}

/** Which consent a nomination needs before it may be selected and shown: the nominee's, or their family's. */
export function consentFrom(living: boolean): 'nominee' | 'family' {
  return living ? 'nominee' : 'family';
}
