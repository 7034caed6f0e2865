/**
 * The directory module: the social map of giver, recipient and supporter organisations, their
 * networks, areas and the matching of offers to needs.
 * Other modules, the app and jobs import only this file (eslint enforces it).
 */
export { directoryRouter } from './directory.routes.js';
export { type Geography, areaLabel, geography, isConsistentArea } from './geography.js';
export { keywordsOf } from './keywords.js';
export { topMatches } from './match-index.js';
export { type MembershipLinks, type OrgLinks, membershipLinks } from './social-map.store.js';
export { warmDirectory } from './warm-up.js';
export { myOrganisations, nameKey, socialMap, toCard } from './organisation.service.js';
export {
  type ApplicantProfile,
  type OrganisationBrief,
  applicantProfile,
  networksCoordinatedBy,
  organisationBrief,
  organisationIdsOfMember,
  organisationMemberIds,
  organisationNames,
  organisationsByIds,
  organisationsOfMembers,
} from './organisation-lookup.service.js';
export { ISSUES, ORG_ROLES, ORG_TYPES, RESOURCE_KINDS, TARGET_GROUPS } from './vocabulary.js';
