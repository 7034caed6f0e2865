/**
 * The status of a grant report (progress or final), declared once as data like the application's
 * workflow. The grantee sends it when due (or again when returned); staff accept it or return it
 * with a comment (grant-report.service.ts). `moveReport` is the only writer of a report's status and
 * checks every move against this table.
 */
import { assertTransition, type Workflow } from '../../shared/workflow.js';

export const REPORT_STATUSES = [
  /** Waiting for the grantee. */
  'due',
  /** Sent: staff read it. */
  'submitted',
  /** Accepted by staff (it releases the tranche after it; the final one may close the grant). */
  'accepted',
  /** Sent back by staff with a comment: the grantee sends it again. */
  'returned',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_ACTIONS = ['submit', 'accept', 'return'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Who moves a report: a member of the funded organisation, or staff. */
export const REPORT_MOVERS = ['grantee', 'staff'] as const;
export type ReportMover = (typeof REPORT_MOVERS)[number];

export const reportWorkflow: Workflow<ReportStatus, ReportMover, ReportAction> = {
  states: REPORT_STATUSES,
  initial: ['due'],
  transitions: [
    { action: 'submit', from: ['due', 'returned'], to: 'submitted', roles: ['grantee'] },
    { action: 'accept', from: ['submitted'], to: 'accepted', roles: ['staff'] },
    { action: 'return', from: ['submitted'], to: 'returned', roles: ['staff'] },
  ],
};

/** Reports waiting for the grantee (reminded, shown as next on the applicant's timeline). */
export const AWAITING_GRANTEE: readonly ReportStatus[] = reportWorkflow.transitions
  .filter((t) => t.roles.includes('grantee'))
  .flatMap((t) => t.from);

/** The one writer of a report's status: takes `action` when the table lets `by` (a typed error otherwise). */
export function moveReport(report: { status: string }, action: ReportAction, by: ReportMover): ReportStatus {
  const step = assertTransition(reportWorkflow, report.status as ReportStatus, action, [by]);
  report.status = step.to;
  return step.to;
}
