/**
 * The status of a grant's tranche (one payment of an award), declared once as data like the
 * application's workflow. The first tranche is released when the grant is awarded, each later one
 * when staff accept the report before it; staff then pay it (tranche.service.ts). `moveTranche` is
 * the only writer of a tranche's status and checks every move against this table.
 */
import { assertTransition, type Workflow } from '../../shared/workflow.js';

export const TRANCHE_STATUSES = [
  /** Waiting for the report before it to be accepted. */
  'pending',
  /** May be paid. */
  'released',
  /** Paid: the disbursement is in the ledger. */
  'paid',
] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

export const TRANCHE_ACTIONS = ['release', 'pay'] as const;
export type TrancheAction = (typeof TRANCHE_ACTIONS)[number];

/** Only staff move money: accepting the report that releases a tranche, and paying it. */
export type TrancheMover = 'staff';

export const trancheWorkflow: Workflow<TrancheStatus, TrancheMover, TrancheAction> = {
  states: TRANCHE_STATUSES,
  // The first tranche is released at the award, the others wait for their report.
  initial: ['released', 'pending'],
  transitions: [
    { action: 'release', from: ['pending'], to: 'released', roles: ['staff'] },
    { action: 'pay', from: ['released'], to: 'paid', roles: ['staff'] },
  ],
};

/** The one writer of a tranche's status: takes `action` when the table allows it (a typed error otherwise). */
export function moveTranche(tranche: { status: string }, action: TrancheAction): TrancheStatus {
  const step = assertTransition(trancheWorkflow, tranche.status as TrancheStatus, action, ['staff']);
  tranche.status = step.to;
  return step.to;
}
