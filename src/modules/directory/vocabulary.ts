/**
 * The shared vocabulary of the social map: one list of issues for sub-funds, organisations and
 * grant calls; organisation types and roles; target groups; what organisations offer and need.
 * Labels live in the i18n catalogues under `vocab.<list>.<value>`; code keeps only the values.
 */

/** The three kinds of organisation in the Songkhla strategy's shared database. */
export const ORG_ROLES = [
  /** องค์กรผู้ให้: foundations, associations, public-benefit bodies that fund work. */
  'giver',
  /** องค์กรผู้รับ: target-group and issue networks, community groups that do the work. */
  'recipient',
  /** องค์กรสนับสนุน: local government, agencies, business, universities, academics. */
  'supporter',
] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const ORG_TYPES = [
  'community_group',
  'association',
  'foundation',
  'ngo',
  'local_government',
  'government_agency',
  'business',
  'school_university',
  'academic',
  'network',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** The sub-funds' issues first (same values as Fund.issue), then the wider strategy's. */
export const ISSUES = [
  'education',
  'children_youth',
  'environment',
  'elderly',
  'disability_disadvantaged',
  'media',
  'disaster',
  'culture',
  'health',
  'women',
  'labour',
  'consumers',
  'farmers',
  'human_rights',
  'drugs',
  'community_economy',
  'civic_participation',
] as const;
export type Issue = (typeof ISSUES)[number];

export const TARGET_GROUPS = [
  'children',
  'youth',
  'elderly',
  'people_with_disabilities',
  'women',
  'informal_workers',
  'farmers',
  'ethnic_minorities',
  'urban_poor',
  'patients',
  'general_public',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** What an organisation can give or needs; `money` and `volunteers` carry an amount. */
export const RESOURCE_KINDS = [
  'money',
  'in_kind',
  'volunteers',
  'expertise',
  'training',
  'venue',
  'equipment',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Yearly budget bands, in baht. */
export const BUDGET_BANDS = ['under_100k', '100k_1m', '1m_10m', 'over_10m'] as const;
export type BudgetBand = (typeof BUDGET_BANDS)[number];

/** What a social-map survey records as an area's potential (ศักยภาพและทุนของชุมชน). */
export const ASSET_KINDS = [
  'natural_resources',
  'local_wisdom',
  'savings_groups',
  'community_enterprises',
  'volunteers',
  'public_spaces',
  'local_leaders',
  'culture_traditions',
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** What an organisation's members said about a suggested partner. */
export const MATCH_MARKS = [
  /** They got in touch. */
  'contacted',
  /** They would like to meet. */
  'interested',
  /** Not a fit: hidden from the organisation's suggestions from then on. */
  'not_relevant',
] as const;
export type MatchMarkStatus = (typeof MATCH_MARKS)[number];
