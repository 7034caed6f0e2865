/**
 * Names and membership links for the grant pages, from the directory's in-memory social map
 * (reloaded after any organisation write, here or in another process: change markers). On
 * FerretDB an `_id: {$in}` or `memberUserIds: {$in}` query is answered by decoding every
 * organisation in Go — seconds at 10,000 organisations, for each page view. Checks that guard
 * access (a reviewer opening a proposal, staff clearing a flag) read the database instead.
 */
import { membershipLinks, socialMap } from '../directory/index.js';
import { conflictLinks } from './review.assignment.js';

type Names = { th: string; en: string };

/** One name map per social-map snapshot: built once when the snapshot is replaced, not per request. */
const namesBySnapshot = new WeakMap<object, Map<string, Names>>();

/** Organisations' names by id, in both languages; an unknown id is absent. */
export async function organisationNamesInMap(): Promise<Map<string, Names>> {
  const cards = await socialMap();
  let names = namesBySnapshot.get(cards);
  if (!names) {
    names = new Map(cards.map((c) => [c.id, c.name]));
    namesBySnapshot.set(cards, names);
  }
  return names;
}

/** Each reviewer's links to the applicant (see conflictLinks), as the in-memory map has them now. */
export async function linksInMap(reviewerIds: readonly string[], orgId: string): Promise<Map<string, string[]>> {
  const links = await membershipLinks();
  const applicant = links.byOrg.get(orgId);
  const applicantLinks = {
    orgId,
    memberUserIds: applicant?.memberUserIds ?? [],
    networkIds: applicant?.networkIds ?? [],
    coordinatesNetworkIds: links.coordinated.get(orgId) ?? [],
  };
  return new Map(
    reviewerIds.map((userId) => [
      userId,
      conflictLinks({ userId, organisations: links.byMember.get(userId) ?? [] }, applicantLinks),
    ]),
  );
}
