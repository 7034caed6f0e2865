import assert from 'node:assert/strict';
import {
  APPLICATION_STATES,
  JOURNEY_STEPS,
  JOURNEY_STEP_OF,
} from '../../../src/modules/grants/application.workflow.js';
import { applicationTimeline, type TimelineInput } from '../../../src/modules/grants/application.timeline.js';
import { budgetAgainstCap } from '../../../src/modules/grants/grant.rules.js';
import { APPLICATION_ROWS } from '../../../src/modules/grants/grants.schemas.js';
import { FORM_LIMITS } from '../../../src/shared/http/body-parsers.js';
import {
  formRows,
  parseIntent,
  rowProblems,
  rowsAfterAdding,
  askedRowCounts,
  typedBudget,
} from '../../../src/modules/grants/application-form.views.js';

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
  it('places every state on a step of the journey', () => {
    for (const state of APPLICATION_STATES) assert.ok(JOURNEY_STEPS.includes(JOURNEY_STEP_OF[state]), state);
  });

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

describe('grants: the application form’s rows and budget (application-form.views.ts, grant.rules.ts)', () => {
  it('the budget against the cap, in integer satang; a draft may be over', () => {
    assert.deepEqual(
      budgetAgainstCap(
        [
          { quantity: 1, unitCostSatang: 30_000_00 },
          { quantity: 50, unitCostSatang: 400_00 },
          { quantity: 1, unitCostSatang: 6_500_00 },
        ],
        50_000_00,
      ),
      { totalSatang: 56_500_00, maxSatang: 50_000_00, overSatang: 6_500_00, over: true },
    );
    assert.equal(budgetAgainstCap([], 50_000_00).over, false);
    assert.equal(
      typedBudget(
        [{ item: 'a', quantity: '2', unitCost: '1,250.50' }, { item: 'b', quantity: 'x', unitCost: '9' }, {}],
        100_00,
      ).totalSatang,
      2_501_00,
    );
  });

  it('rows: as many as needed plus one spare; "add a row" asks for one more, bounded', () => {
    assert.equal(formRows([], 'budget').length, 1);
    assert.equal(formRows([{ item: 'a' }, { item: 'b' }], 'budget').length, 3);
    assert.equal(formRows([{ item: 'a' }, {}, {}, {}], 'budget').length, 2, 'trailing blanks collapse to one spare');
    assert.equal(formRows([{ item: 'a' }], 'budget', 4).length, 4);
    assert.equal(
      formRows(
        Array.from({ length: 50 }, () => ({ item: 'a' })),
        'budget',
      ).length,
      50,
      'never past the maximum',
    );
    assert.equal(rowsAfterAdding([{ item: 'a' }, {}], 'budget'), 3);
    assert.deepEqual(askedRowCounts({ budgetRows: '4', resultsRows: '999', activitiesRows: 'x' }), {
      budget: 4,
      results: 30,
    });
  });

  it('only filled rows are checked, each at its own position', () => {
    const problems = rowProblems(
      [
        { item: 'a', quantity: '1', unitCost: '10' },
        { item: '', quantity: '', unitCost: '' },
        { item: 'b', quantity: '', unitCost: '10' },
      ],
      'budget',
    );
    assert.equal(problems[0], null);
    assert.equal(problems[1], null);
    assert.deepEqual(Object.keys(problems[2] ?? {}), ['quantity']);
  });

  it('the buttons: save by default, submit, attach, add a row of a known group, remove a file by id', () => {
    assert.deepEqual(parseIntent(undefined), { kind: 'save' });
    assert.deepEqual(parseIntent('submit'), { kind: 'submit' });
    assert.deepEqual(parseIntent('add:budget'), { kind: 'add', group: 'budget' });
    assert.deepEqual(parseIntent('add:everything'), { kind: 'save' });
    assert.deepEqual(parseIntent('remove:0123456789abcdef01234567'), {
      kind: 'remove',
      fileId: '0123456789abcdef01234567',
    });
    assert.deepEqual(parseIntent('remove:../x'), { kind: 'save' });
  });
});

describe('grants: the application form fits the body parser', () => {
  it('an application at every row maximum, its single fields, one spare row per group and the buttons stay under the field bound', () => {
    const rowFields = Object.values(APPLICATION_ROWS).reduce(
      (sum, group) => sum + (group.max + 1) * Object.keys(group.shape).length,
      0,
    );
    const singles = 12; // _csrf, title, problem, objectives, targetGroup, beneficiaries, three area codes, intent, lang, a file
    assert.ok(
      rowFields + singles < FORM_LIMITS.fields,
      `${rowFields + singles} fields against a bound of ${FORM_LIMITS.fields}`,
    );
  });
});

describe('grants: the typed budget reads quantities as the server does', () => {
  it('counts a Thai-digit quantity and refuses 1e3 and one past the maximum, as the schema does', () => {
    const rows = (quantity: string) => [{ item: 'ค่าอาหาร', quantity, unitCost: '100' }];
    assert.equal(typedBudget(rows('๕'), 0).totalSatang, 500_00);
    assert.equal(typedBudget(rows('1e3'), 0).totalSatang, 0);
    assert.equal(typedBudget(rows('1,000,001'), 0).totalSatang, 0);
    assert.equal(typedBudget(rows('1,000,000'), 0).totalSatang, 100_000_000_00);
  });
});
