// The week form's round trip: what a coordinator typed becomes a week file that `check`
// reads back as the same week, and a saved week opens in the form with everything it holds.
import { describe, expect, it } from 'vitest';
import { checkWeekText } from '../../src/config/saved-weeks.js';
import { testConfig } from '../../src/core/plan/testing.js';
import { importUpdate } from '../../src/import/import-update.js';
import { placeProblems } from '../../src/web/problem-places.js';
import { draftFromForm, draftFromImport, draftFromYaml, yamlOfDraft } from '../../src/web/week-model.js';

const config = testConfig();
const UPDATE = [
  '"Seek justice, defend the oppressed."',
  '– Isaiah 1:17',
  'Latin America',
  'Pray for the interviewers who listen to hard stories.',
  'Global Office & Partners',
  'Tomorrow our office hosts a day of prayer. Pray for unity.',
  '',
].join('\n');

function posted(fields: Record<string, string | string[]>) {
  return draftFromForm({ week: '2026-11-16', 'verse.text': 'Seek justice.', 'verse.reference': 'Isaiah 1:17', ...fields });
}

describe('the week form', () => {
  it('places each import warning at the request whose paragraph it is about', () => {
    const result = importUpdate(UPDATE, config, { sent: '2026-11-16', today: '2026-11-16' });
    if (!result.ok) throw new Error(result.error.message);
    const draft = draftFromImport(result.week, result.warnings);
    const global = draft.requests.find((r) => r.region === 'global-office')!;
    expect(global.warnings).toEqual([expect.stringMatching(/^Line 6 of the update: "Tomorrow" read as Tuesday, November 17/)]);
    expect(global.comments).toEqual(['confirm: "Tomorrow" read as Tuesday, November 17']);
    expect(draft.requests.find((r) => r.region === 'latin-america')!.warnings).toEqual([]);
  });

  it('writes what was typed as a week file that check reads back as the same week, comments and all', () => {
    const draft = posted({
      'requests[0].id': 'latin-america-1',
      'requests[0].region': 'latin-america',
      'requests[0].title': 'A study: "two provinces"',
      'requests[0].text': 'Pray for the team.\r\n\r\nAnd for the families: #1 priority.',
      'requests[0].date': '2026-11-17',
      'requests[0].audience': 'everyone',
      'requests[0].expires': '2026-11-20',
      'requests[0].comment': ['confirm: one', 'check: two'],
      'requests[0].checked': '1',
      'requests[1].region': 'south-asia',
      'requests[1].text': 'Pray for the officials.',
      'requests[1].audience': 'staff',
      notes: 'latin-america: kept aside\u0007',
    })!;
    const { yaml } = yamlOfDraft(draft);
    const checked = checkWeekText(yaml, config, '2026-11-16');
    expect(checked.problems).toEqual([]);
    const [first, second] = checked.week!.requests;
    expect(first).toMatchObject({ id: 'latin-america-1', title: 'A study: "two provinces"', text: 'Pray for the team.\n\nAnd for the families: #1 priority.', date: '2026-11-17', audience: 'everyone', expires: '2026-11-20' });
    // A new request gets the id its region's next number gives it.
    expect(second).toMatchObject({ id: 'south-asia-1', region: 'south-asia', audience: 'staff' });
    expect(checked.week!.notes).toBe('latin-america: kept aside');
    // The ticked note is left out; the other stays above the text.
    expect(yaml).toContain('    # confirm: one\n    text: |');
    expect(yaml).not.toContain('check: two');

    const reopened = draftFromYaml('2026-11-16', yaml).draft!;
    expect(reopened.requests[0]).toMatchObject({ id: 'latin-america-1', title: 'A study: "two provinces"', comments: ['confirm: one'], date: '2026-11-17', expires: '2026-11-20' });
    expect(reopened.requests[1]!.id).toBe('south-asia-1');
  });

  it('opens a week file whose requests have no ids with their default ids, so saving keeps every key', () => {
    const yaml = 'week: 2026-11-16\nverse:\n  text: "Seek justice."\n  reference: Isaiah 1:17\nrequests:\n  - region: latin-america\n    text: One.\n  - region: latin-america\n    text: Two.\n';
    const draft = draftFromYaml('2026-11-16', yaml).draft!;
    expect(draft.requests.map((r) => r.id)).toEqual(['latin-america-1', 'latin-america-2']);
    expect(draftFromYaml('2026-11-16', 'week: [unclosed').problems).not.toEqual([]);
  });

  it('shows each problem at its field in the form, counting the form’s own requests past removed ones', () => {
    const draft = posted({
      'requests[0].region': 'latin-america',
      'requests[0].text': 'Removed.',
      'requests[0].remove': 'yes',
      'requests[1].region': 'atlantis',
      'requests[1].text': 'Pray.',
      'requests[1].date': '2026-12-01',
    })!;
    const written = yamlOfDraft(draft);
    expect(written.draftIndex).toEqual([1]);
    const placed = placeProblems(checkWeekText(written.yaml, config, '2026-11-16').problems, written.draftIndex);
    expect(placed.map((p) => [p.fieldId, p.label])).toEqual([
      ['requests-1-region', 'Request 2: Region'],
      ['requests-1-date', 'Request 2: Date'],
    ]);
    expect(placed[0]!.where).toMatch(/^requests\[0\]\.region · 2026-11-16\.yaml:\d+:\d+$/);
  });

  it('refuses a form whose week is not a Monday', () => {
    expect(draftFromForm({ week: '2026-11-17' })).toBeUndefined();
    expect(draftFromForm({ week: 'next week' })).toBeUndefined();
  });
});
