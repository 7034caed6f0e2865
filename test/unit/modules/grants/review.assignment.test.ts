import assert from 'node:assert/strict';
import { detectConflicts, planAssignments } from '../../../../src/modules/grants/review.assignment.js';

describe('conflicts of interest and assignment', () => {
  const applicant = { orgId: 'org-a', memberUserIds: ['u-member'], networkIds: ['net-1'] };

  it('finds members of the applicant and members of organisations in its networks', () => {
    assert.deepEqual(detectConflicts({ userId: 'u-member', organisations: [] }, applicant), ['member_of_applicant']);
    assert.deepEqual(
      detectConflicts({ userId: 'u-x', organisations: [{ orgId: 'org-b', networkIds: ['net-1'] }] }, applicant),
      ['shared_network'],
    );
    assert.deepEqual(
      detectConflicts({ userId: 'u-y', organisations: [{ orgId: 'org-c', networkIds: ['net-2'] }] }, applicant),
      [],
    );
    assert.deepEqual(
      detectConflicts({ userId: 'u-z', organisations: [{ orgId: 'org-a', networkIds: ['net-1'] }] }, applicant),
      ['member_of_applicant'],
    );
  });

  it('balances load, prefers matching issues, and never assigns a conflicted reviewer', () => {
    const reviewers = [
      { userId: 'r1', issues: ['elderly'], load: 0 },
      { userId: 'r2', issues: ['education'], load: 0 },
      { userId: 'r3', issues: [], load: 0 },
    ];
    const apps = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => ({
      id,
      issues: ['elderly'],
      assigned: [] as string[],
      conflicted: id === 'a1' ? ['r1'] : [],
    }));
    const plan = planAssignments(apps, reviewers, 2);
    assert.equal(plan.assignments.length, 12);
    assert.ok(!plan.assignments.some((a) => a.applicationId === 'a1' && a.reviewerId === 'r1'));
    const loads = reviewers.map((r) => plan.assignments.filter((a) => a.reviewerId === r.userId).length);
    assert.deepEqual(loads, [4, 4, 4], 'twelve reviews over three reviewers');
    for (const app of apps)
      assert.equal(
        new Set(plan.assignments.filter((a) => a.applicationId === app.id).map((a) => a.reviewerId)).size,
        2,
        'two different reviewers each',
      );
  });

  it('reports applications that cannot get enough non-conflicted reviewers', () => {
    const plan = planAssignments(
      [{ id: 'a', issues: [], assigned: ['r1'], conflicted: ['r2'] }],
      [
        { userId: 'r1', issues: [], load: 1 },
        { userId: 'r2', issues: [], load: 0 },
      ],
      3,
    );
    assert.deepEqual(plan.assignments, []);
    assert.deepEqual(plan.short, [{ applicationId: 'a', missing: 2 }]);
  });
});
