/**
 * The status of a grant call, declared once as data like the application's workflow. Staff publish
 * a draft; from then on the status follows the call's times: set at once when staff edit them, and
 * by the agenda job (the clock) as they pass. `moveCall` is the only writer of a call's status and
 * checks every move against this table. Deadlines are checked against the times themselves
 * (grant.rules.ts), never against this field, so a late job never lets a late proposal in.
 */
import { assertMove, type Workflow } from '../../shared/workflow.js';
import { callPhase } from './grant.rules.js';

export const CALL_STATUSES = [
  /** Being written by staff: seen by staff only. */
  'draft',
  /** Published, opening later. */
  'scheduled',
  /** Published and taking applications. */
  'open',
  /** Published, its closing time passed. */
  'closed',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Who moves a call: `staff` publishing it or editing its times, or the `clock` (the agenda job). */
export const CALL_MOVERS = ['staff', 'clock'] as const;
export type CallMover = (typeof CALL_MOVERS)[number];

export const CALL_ACTIONS = ['publish', 'open', 'close', 'reopen', 'reschedule'] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

export const callWorkflow: Workflow<CallStatus, CallMover, CallAction> = {
  states: CALL_STATUSES,
  initial: ['draft'],
  transitions: [
    // Publishing puts the call where its times say: before, in or (rarely) after its window.
    { action: 'publish', from: ['draft'], to: 'scheduled', roles: ['staff'] },
    { action: 'publish', from: ['draft'], to: 'open', roles: ['staff'] },
    { action: 'publish', from: ['draft'], to: 'closed', roles: ['staff'] },
    { action: 'open', from: ['scheduled'], to: 'open', roles: ['staff', 'clock'] },
    { action: 'close', from: ['scheduled', 'open'], to: 'closed', roles: ['staff', 'clock'] },
    // Staff moving the times reopen a closed call, or move an opening later.
    { action: 'reopen', from: ['closed'], to: 'open', roles: ['staff'] },
    { action: 'reschedule', from: ['open', 'closed'], to: 'scheduled', roles: ['staff'] },
    // The job follows the times too: an open call whose opening lies ahead of its clock (moved
    // later by an edit on another process, or a clock behind) goes back to scheduled.
    { action: 'reschedule', from: ['open'], to: 'scheduled', roles: ['clock'] },
  ],
};

/** The calls the clock moves: published ones not yet closed (a closed call reopens only by an edit). */
export const CLOCK_MOVES_FROM: readonly CallStatus[] = CALL_STATUSES.filter((s) =>
  callWorkflow.transitions.some((t) => t.roles.includes('clock') && t.from.includes(s)),
);

/** The status a published call's times give it now. */
export function statusByTimes(call: { opensAt: Date; closesAt: Date }, now: Date): CallStatus {
  const phase = callPhase(call, now);
  return phase === 'upcoming' ? 'scheduled' : phase;
}

/**
 * The one writer of a call's status: moves it to `to` when the table lets `by` make that move
 * (a typed error otherwise). Returns whether it changed; staying put is no move.
 */
export function moveCall(call: { status: string }, to: CallStatus, by: CallMover): boolean {
  const from = call.status as CallStatus;
  if (from === to) return false;
  assertMove(callWorkflow, from, to, [by]);
  call.status = to;
  return true;
}
