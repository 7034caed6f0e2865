import assert from 'node:assert/strict';
import { applicationTimeline, type TimelineInput } from '../../../../src/modules/grants/application.timeline.js';

const day = (n: number) => new Date(Date.UTC(2027, 0, 1 + n));
const base = (over: Partial<TimelineInput> = {}): TimelineInput => ({
  status: 'draft',
  twoStage: false,
  history: [{ from: null, to: 'draft', at: day(0) }],
  call: { closesAt: day(30), fullProposalClosesAt: null, reviewDueAt: day(60) },
  award: null,
  now: day(5),
  ...over,
});
const marks = (t: ReturnType<typeof applicationTimeline>) => t.steps.map((s) => `${s.step}:${s.mark}`);

describe('grants: the applicant’s timeline (application.timeline.ts)', () => {
  it('a draft: writing is current, the rest to come, and the call’s close is the date to submit by', () => {
    const t = applicationTimeline(base());
    assert.deepEqual(marks(t), [
      'draft:current',
      'submitted:upcoming',
      'screening:upcoming',
      'review:upcoming',
      'decision:upcoming',
      'grant:upcoming',
      'reports:upcoming',
    ]);
    assert.deepEqual(t.steps[0]?.at, day(0));
    assert.deepEqual(t.next, [{ key: 'submitBy', date: day(30) }]);
    assert.deepEqual(applicationTimeline(base({ now: day(31) })).next, [{ key: 'callClosed', date: day(30) }]);
  });

  it('in review: past steps carry the date first reached (a resubmission keeps the first), and the reviews’ due date comes next', () => {
    const history = [
      { from: null, to: 'draft', at: day(0) },
      { from: 'draft', to: 'submitted', at: day(3) },
      { from: 'submitted', to: 'screening', at: day(4) },
      { from: 'screening', to: 'more_info', at: day(5) },
      { from: 'more_info', to: 'submitted', at: day(8) },
      { from: 'submitted', to: 'screening', at: day(9) },
      { from: 'screening', to: 'in_review', at: day(10) },
    ];
    const t = applicationTimeline(base({ status: 'in_review', history, now: day(11) }));
    assert.deepEqual(marks(t).slice(0, 5), [
      'draft:done',
      'submitted:done',
      'screening:done',
      'review:current',
      'decision:upcoming',
    ]);
    assert.deepEqual(
      t.steps.map((s) => s.at),
      [day(0), day(3), day(4), day(10), null, null, null],
    );
    assert.deepEqual(t.next, [{ key: 'inReview' }, { key: 'reviewDue', date: day(60) }]);
  });

  it('two-stage calls show the concept step; a withdrawal stops where it was withdrawn from', () => {
    const t = applicationTimeline(
      base({
        twoStage: true,
        status: 'concept_submitted',
        history: [
          { from: null, to: 'concept_draft', at: day(0) },
          { from: 'concept_draft', to: 'concept_submitted', at: day(2) },
        ],
      }),
    );
    assert.equal(t.steps[0]?.step, 'concept');
    assert.equal(t.steps[0]?.mark, 'current');
    const w = applicationTimeline(
      base({
        status: 'withdrawn',
        history: [
          { from: null, to: 'draft', at: day(0) },
          { from: 'draft', to: 'submitted', at: day(1) },
          { from: 'submitted', to: 'withdrawn', at: day(2) },
        ],
      }),
    );
    assert.ok(w.endedEarly);
    assert.deepEqual(marks(w).slice(0, 3), ['draft:done', 'submitted:current', 'screening:not_reached']);
    assert.deepEqual(w.next, [{ key: 'withdrawn' }]);
  });

  it('reporting: the next report due (or overdue) and the tranche it unlocks; a closed grant has every step done', () => {
    const award = {
      awardedAt: day(70),
      tranches: [
        { number: 1, amountSatang: 60_000_00, status: 'paid' },
        { number: 2, amountSatang: 40_000_00, status: 'pending' },
      ],
      reports: [
        { kind: 'final', dueAt: day(200), status: 'due' },
        { kind: 'progress', dueAt: day(120), status: 'due' },
      ],
    };
    const t = applicationTimeline(base({ status: 'reporting', award, now: day(100) }));
    assert.deepEqual(t.next, [
      { key: 'reportDue', kind: 'progress', date: day(120) },
      { key: 'trancheAfterReport', number: 2, amountSatang: 40_000_00 },
    ]);
    assert.equal(
      t.steps.find((s) => s.step === 'grant')?.at?.getTime(),
      day(70).getTime(),
      'the award’s date when the history has none',
    );
    assert.equal(
      applicationTimeline(base({ status: 'reporting', award, now: day(130) })).next[0]?.key,
      'reportOverdue',
    );
    assert.ok(applicationTimeline(base({ status: 'closed', award })).steps.every((s) => s.mark === 'done'));
  });
});
