import assert from 'node:assert/strict';
import {
  nominatesSelf,
  nominationWorkflow,
  nominatorStatusOf,
  personKey,
  takesNominations,
} from '../../../../src/modules/community/honours.rules.js';
import { assertTransition, availableActions, finalStates } from '../../../../src/shared/workflow.js';

describe('honours rules', () => {
  it('reduces a name to one key whatever the title and spacing', () => {
    assert.equal(personKey('นาย สมชาย  ใจดี'), personKey('สมชาย ใจดี'));
    assert.equal(personKey('Mr. John Smith'), personKey('john smith'));
    assert.notEqual(personKey('สมชาย ใจดี'), personKey('สมศรี ใจดี'));
  });

  it('refuses a nomination of oneself by name or by email', () => {
    assert.equal(nominatesSelf({ name: 'นางสาว กานดา ทองดี' }, { name: 'กานดา ทองดี' }), true);
    assert.equal(nominatesSelf({ name: 'A', email: 'me@example.org' }, { name: 'B', contact: 'ME@example.org' }), true);
    assert.equal(nominatesSelf({ name: 'กานดา', email: 'me@example.org' }, { name: 'ประเสริฐ', contact: '081' }), false);
  });

  it('takes nominations only when published and between its dates', () => {
    const round = { status: 'published', opensAt: new Date('2026-01-01'), closesAt: new Date('2026-03-01') };
    assert.equal(takesNominations(round, new Date('2025-12-31')), 'not_yet');
    assert.equal(takesNominations(round, new Date('2026-02-01')), 'open');
    assert.equal(takesNominations(round, new Date('2026-03-02')), 'closed');
    assert.equal(takesNominations({ ...round, status: 'draft' }, new Date('2026-02-01')), 'closed');
  });

  it('tells the nominator nothing of the committee before the announcement', () => {
    assert.equal(nominatorStatusOf('shortlisted', false), 'in_review');
    assert.equal(nominatorStatusOf('not_selected', false), 'in_review');
    assert.equal(nominatorStatusOf('selected', false), 'in_review');
    assert.equal(nominatorStatusOf('selected', true), 'honoured');
    assert.equal(nominatorStatusOf('not_selected', true), 'not_honoured');
    assert.equal(nominatorStatusOf('ineligible', false), 'ineligible');
  });

  it('declares selection as staff-only with a reason and consent, and lets only the nominator withdraw', () => {
    const select = assertTransition(nominationWorkflow, 'shortlisted', 'select', ['staff']);
    assert.equal(select.needsComment, true);
    assert.equal(select.needsConsent, true);
    assert.throws(() => assertTransition(nominationWorkflow, 'eligible', 'select', ['staff']));
    assert.throws(() => assertTransition(nominationWorkflow, 'shortlisted', 'select', ['nominator']));
    assert.deepEqual(
      availableActions(nominationWorkflow, 'submitted', ['nominator']).map((t) => t.action),
      ['withdraw'],
    );
    assert.deepEqual(finalStates(nominationWorkflow).sort(), ['withdrawn']);
  });
});
