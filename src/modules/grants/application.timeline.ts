/**
 * Where an application is on its journey, for the applicant's page: the steps (from
 * application.workflow.ts) marked done, current or still to come, with the date each past step was
 * reached, and what happens next and when (the call's deadlines, the next report and payment).
 * Pure: the page's services hand in what they loaded.
 */
import {
  ENDED_EARLY,
  JOURNEY_STEPS,
  JOURNEY_STEP_OF,
  type ApplicationState,
  type JourneyStep,
} from './application.workflow.js';
import { AWAITING_GRANTEE, type ReportStatus } from './grant-report.status.js';

export interface TimelineInput {
  status: ApplicationState;
  twoStage: boolean;
  history: readonly { from: string | null; to: string; at: Date }[];
  call: { closesAt: Date; fullProposalClosesAt: Date | null; reviewDueAt: Date | null };
  award: null | {
    awardedAt: Date;
    tranches: readonly { number: number; amountSatang: number; status: string }[];
    reports: readonly { kind: string; dueAt: Date; status: string }[];
  };
  now: Date;
}

export type StepMark = 'done' | 'current' | 'upcoming' | 'not_reached';

export interface TimelineStep {
  step: JourneyStep;
  mark: StepMark;
  /** When the step was first reached (past and current steps). */
  at: Date | null;
}

/** One "what happens next" line: an i18n key under `grants.timeline.next.` with its values. */
export interface NextStep {
  key: string;
  date?: Date;
  amountSatang?: number;
  number?: number;
  kind?: string;
}

export interface Timeline {
  steps: TimelineStep[];
  /** The journey ended before a completed grant (declined, withdrawn …). */
  endedEarly: boolean;
  next: NextStep[];
}

function isState(value: string | null): value is ApplicationState {
  return value !== null && value in JOURNEY_STEP_OF;
}

/** The step the application stands at: a withdrawn one where it was withdrawn from. */
function currentStep(input: TimelineInput): JourneyStep {
  if (input.status !== 'withdrawn') return JOURNEY_STEP_OF[input.status];
  const withdrawal = [...input.history].reverse().find((h) => h.to === 'withdrawn');
  return withdrawal && isState(withdrawal.from) && withdrawal.from !== 'withdrawn'
    ? JOURNEY_STEP_OF[withdrawal.from]
    : 'draft';
}

/** When each step was first reached, from the history (and the award's own date). */
function reachedAt(input: TimelineInput): Map<JourneyStep, Date> {
  const at = new Map<JourneyStep, Date>();
  for (const h of input.history) {
    if (!isState(h.to) || h.to === 'withdrawn') continue;
    const step = JOURNEY_STEP_OF[h.to];
    const known = at.get(step);
    if (!known || h.at.getTime() < known.getTime()) at.set(step, h.at);
  }
  if (input.award && !at.has('grant')) at.set('grant', input.award.awardedAt);
  return at;
}

function nextSteps(input: TimelineInput): NextStep[] {
  const { call, award, now } = input;
  const reviewDue: NextStep[] =
    call.reviewDueAt && call.reviewDueAt.getTime() > now.getTime()
      ? [{ key: 'reviewDue', date: call.reviewDueAt }]
      : [];
  const unpaid = award?.tranches.filter((t) => t.status !== 'paid').sort((a, b) => a.number - b.number)[0];
  switch (input.status) {
    case 'concept_draft':
      return [{ key: call.closesAt.getTime() > now.getTime() ? 'submitConceptBy' : 'callClosed', date: call.closesAt }];
    case 'concept_submitted':
      return [{ key: 'conceptRead', date: call.closesAt }];
    case 'invited': {
      const due = call.fullProposalClosesAt ?? call.closesAt;
      return [{ key: due.getTime() > now.getTime() ? 'submitBy' : 'callClosed', date: due }];
    }
    case 'draft':
      return [{ key: call.closesAt.getTime() > now.getTime() ? 'submitBy' : 'callClosed', date: call.closesAt }];
    case 'submitted':
    case 'screening':
      return [{ key: 'screening' }, ...reviewDue];
    case 'more_info':
      return [{ key: 'answerInfo' }];
    case 'in_review':
      return [{ key: 'inReview' }, ...reviewDue];
    case 'reviewed':
      return [{ key: 'decisionComing' }];
    case 'waitlisted':
      return [{ key: 'waitlisted' }];
    case 'approved':
      return [{ key: 'awardComing' }];
    case 'awarded':
      return unpaid ? [{ key: 'trancheComing', number: unpaid.number, amountSatang: unpaid.amountSatang }] : [];
    case 'reporting': {
      const out: NextStep[] = [];
      const report = award?.reports
        .filter((r) => AWAITING_GRANTEE.includes(r.status as ReportStatus))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
      if (report)
        out.push({
          key: report.dueAt.getTime() < now.getTime() ? 'reportOverdue' : 'reportDue',
          kind: report.kind,
          date: report.dueAt,
        });
      else if (award?.reports.some((r) => r.status === 'submitted')) out.push({ key: 'reportBeingRead' });
      if (unpaid)
        out.push({
          key: unpaid.status === 'released' ? 'trancheReady' : 'trancheAfterReport',
          number: unpaid.number,
          amountSatang: unpaid.amountSatang,
        });
      return out;
    }
    default:
      // Final states: what the end means.
      return [{ key: input.status }];
  }
}

export function applicationTimeline(input: TimelineInput): Timeline {
  const visible = JOURNEY_STEPS.filter((s) => input.twoStage || s !== 'concept');
  const current = currentStep(input);
  const index = visible.indexOf(current);
  const endedEarly = ENDED_EARLY.includes(input.status);
  const at = reachedAt(input);
  const steps = visible.map((step, i): TimelineStep => {
    let mark: StepMark = i < index ? 'done' : i === index ? 'current' : endedEarly ? 'not_reached' : 'upcoming';
    // A closed grant has done its last step too.
    if (input.status === 'closed' && i === index) mark = 'done';
    return { step, mark, at: mark === 'done' || mark === 'current' ? (at.get(step) ?? null) : null };
  });
  return { steps, endedEarly, next: nextSteps(input) };
}

/** The timeline of an application as its page has it loaded (the application, its call, its award). */
export function applicantJourney(
  app: { status: ApplicationState; history: readonly { from: string | null; to: string; at: Date }[] },
  call: { stages: number; closesAt: Date; fullProposalClosesAt: Date | null; reviewDueAt: Date | null },
  award: TimelineInput['award'] | null,
  now = new Date(),
): Timeline {
  return applicationTimeline({
    status: app.status,
    twoStage: call.stages === 2,
    history: app.history,
    call: { closesAt: call.closesAt, fullProposalClosesAt: call.fullProposalClosesAt, reviewDueAt: call.reviewDueAt },
    award: award ?? null,
    now,
  });
}
