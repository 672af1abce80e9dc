// The reminders inbox's pure helpers: where a reminder links to and the inbox filters.
import { describe, expect, it } from 'vitest';
import { isKnownKind, matchesFilter, reminderLink, reminderSentence, statusOf } from '../../src/web/reminders/reminder-model.js';

describe('reminder links', () => {
  it('opens the decision chain tab for decision-chain alerts, the opportunity for an opportunity', () => {
    expect(reminderLink({ kind: 'relationship_stale', accountId: 12, entity: 'stakeholder', entityId: '88' })).toBe('/accounts/12?tab=relationships');
    expect(reminderLink({ kind: 'coverage_dropped', accountId: 12, entity: 'account', entityId: '12' })).toBe('/accounts/12?tab=relationships');
    expect(reminderLink({ kind: 'deal_stalled', accountId: 12, entity: 'opportunity', entityId: '5' })).toBe('/opportunities/5');
    expect(reminderLink({ kind: 'something_new', accountId: 12, entity: null, entityId: null })).toBe('/accounts/12');
    expect(reminderLink({ kind: 'something_new', accountId: null, entity: null, entityId: null })).toBeNull();
  });

  it('knows the four alert kinds the server raises', () => {
    expect(['coverage_dropped', 'coach_left', 'decision_maker_uncontacted', 'relationship_stale', 'x'].map(isKnownKind)).toEqual([true, true, true, true, false]);
  });
});

describe('inbox filters', () => {
  const rows = [
    { id: 1, read: false, done: false },
    { id: 2, read: true, done: false },
    { id: 3, read: true, done: true },
  ];
  it('asks the API for open, done or all, and narrows unread on the page', () => {
    expect((['unread', 'open', 'done', 'all'] as const).map(statusOf)).toEqual(['open', 'open', 'done', 'all']);
    expect((['unread', 'open', 'done', 'all'] as const).map((f) => rows.filter((r) => matchesFilter(r, f)).map((r) => r.id))).toEqual([[1], [1, 2], [3], [1, 2, 3]]);
  });
});

describe('reminder sentences', () => {
  it('word the known kinds from their facts, in whatever language the keys are translated to', () => {
    expect(reminderSentence({ kind: 'coverage_dropped', facts: { coverage: 0.5625 } }, '甲公司')).toEqual({ key: 'reminders.text.coverage_dropped', values: { account: '甲公司', coverage: '56.3%' } });
    expect(reminderSentence({ kind: 'coach_left', facts: {} }, '甲公司')).toEqual({ key: 'reminders.text.coach_left', values: { account: '甲公司' } });
    expect(reminderSentence({ kind: 'decision_maker_uncontacted', facts: { person: '王建国', days: 91 } }, '甲公司')).toEqual({
      key: 'reminders.text.decision_maker_uncontacted',
      values: { account: '甲公司', person: '王建国', days: 91 },
    });
    expect(reminderSentence({ kind: 'decision_maker_uncontacted', facts: { person: '王建国', days: null } }, '甲公司')).toEqual({
      key: 'reminders.text.decision_maker_never',
      values: { account: '甲公司', person: '王建国' },
    });
    expect(reminderSentence({ kind: 'relationship_stale', facts: { person: '李文华', staleAfterDays: 30 } }, '甲公司')).toEqual({
      key: 'reminders.text.relationship_stale',
      values: { account: '甲公司', person: '李文华', staleAfterDays: 30 },
    });
  });

  it('leaves kinds it does not know to the server sentence', () => {
    expect(reminderSentence({ kind: 'deal_stalled', facts: {} }, '甲公司')).toBeNull();
  });
});
