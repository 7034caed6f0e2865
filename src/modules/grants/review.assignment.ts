/**
 * Who may review what, pure: conflicts of interest found in the social map, and automatic
 * assignment that balances the committee's load, prefers reviewers who know the issues, and
 * never gives anyone an application they are conflicted on.
 */

/** What the social map says about the applying organisation. */
export interface ApplicantLinks {
  orgId: string;
  memberUserIds: readonly string[];
  networkIds: readonly string[];
  /** Networks the applicant coordinates (their members are close to it too). */
  coordinatesNetworkIds?: readonly string[];
}

/** What the social map says about a reviewer: the organisations they are a member of. */
export interface ReviewerLinks {
  userId: string;
  organisations: readonly { orgId: string; networkIds: readonly string[] }[];
}

export type ConflictReason = 'member_of_applicant' | 'shared_network';

/**
 * The links behind a conflict, one string each ("member_of_applicant:<orgId>",
 * "shared_network:<networkId>"), so that staff clearing one link does not clear a later, different one.
 */
export function conflictLinks(reviewer: ReviewerLinks, applicant: ApplicantLinks): string[] {
  const links: string[] = [];
  const inApplicant =
    applicant.memberUserIds.includes(reviewer.userId) ||
    reviewer.organisations.some((o) => o.orgId === applicant.orgId);
  if (inApplicant) links.push(`member_of_applicant:${applicant.orgId}`);
  const applicantNetworks = new Set([...applicant.networkIds, ...(applicant.coordinatesNetworkIds ?? [])]);
  const shared = new Set(
    reviewer.organisations
      .filter((o) => o.orgId !== applicant.orgId)
      .flatMap((o) => o.networkIds.filter((n) => applicantNetworks.has(n))),
  );
  for (const networkId of [...shared].sort()) links.push(`shared_network:${networkId}`);
  return links;
}

/** The kind of conflict a link stands for (what people are shown). */
export function reasonOfLink(link: string): ConflictReason {
  return link.split(':', 1)[0] as ConflictReason;
}

/**
 * Conflicts detected from memberships: the reviewer is a member of the applying organisation,
 * or belongs to an organisation in one of the applicant's networks (they work together).
 */
export function detectConflicts(reviewer: ReviewerLinks, applicant: ApplicantLinks): ConflictReason[] {
  return [...new Set(conflictLinks(reviewer, applicant).map(reasonOfLink))];
}

export interface AssignmentApplication {
  id: string;
  issues: readonly string[];
  /** Reviewers already on it (kept; counted towards the number needed). */
  assigned: readonly string[];
  /** Reviewers who must not get it: detected or declared conflicts. */
  conflicted: readonly string[];
}

export interface AssignmentReviewer {
  userId: string;
  /** Issues the reviewer knows (from their organisations), for a better fit. */
  issues: readonly string[];
  /** Reviews already on their desk in this call. */
  load: number;
}

export interface AssignmentPlan {
  /** New pairs to create. */
  assignments: { applicationId: string; reviewerId: string }[];
  /** Applications that could not get enough reviewers (too few non-conflicted members). */
  short: { applicationId: string; missing: number }[];
}

/**
 * Gives each application up to `perApplication` reviewers. Applications with the fewest
 * eligible reviewers are served first (they have the least choice); for each, the eligible
 * reviewer with the lowest load wins, then the one sharing more of its issues, then by id (so
 * the plan is the same every time).
 */
export function planAssignments(
  applications: readonly AssignmentApplication[],
  reviewers: readonly AssignmentReviewer[],
  perApplication: number,
): AssignmentPlan {
  const load = new Map(reviewers.map((r) => [r.userId, r.load]));
  const eligible = (app: AssignmentApplication) =>
    reviewers.filter((r) => !app.conflicted.includes(r.userId) && !app.assigned.includes(r.userId));
  const order = [...applications].sort((a, b) => eligible(a).length - eligible(b).length || (a.id < b.id ? -1 : 1));
  const assignments: AssignmentPlan['assignments'] = [];
  const short: AssignmentPlan['short'] = [];
  for (const app of order) {
    let needed = Math.max(0, perApplication - app.assigned.length);
    const issues = new Set(app.issues);
    const pool = eligible(app);
    while (needed > 0 && pool.length > 0) {
      pool.sort(
        (a, b) =>
          (load.get(a.userId) ?? 0) - (load.get(b.userId) ?? 0) ||
          b.issues.filter((i) => issues.has(i)).length - a.issues.filter((i) => issues.has(i)).length ||
          (a.userId < b.userId ? -1 : 1),
      );
      const chosen = pool.shift() as AssignmentReviewer;
      assignments.push({ applicationId: app.id, reviewerId: chosen.userId });
      load.set(chosen.userId, (load.get(chosen.userId) ?? 0) + 1);
      needed -= 1;
    }
    if (needed > 0) short.push({ applicationId: app.id, missing: needed });
  }
  return { assignments, short };
}
