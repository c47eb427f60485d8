import { describe, expect, it } from 'vitest';
import { findDatePhrases, nearestYear, rewriteRelative } from './date-phrases.js';

const WEEK = '2026-10-12'; // a Monday

function dates(text: string, sent?: string) {
  return findDatePhrases(text, { week: WEEK, ...(sent && { sent }) }).map((p) => [p.phrase, p.date ?? null]);
}

function rewrite(text: string, sent: string) {
  return rewriteRelative(text, findDatePhrases(text, { week: WEEK, sent }));
}

describe('explicit dates', () => {
  it('reads month-day, abbreviated, day-month, ordinal, with weekday or year, and ISO dates', () => {
    expect(dates('On October 18, join us.')).toEqual([['October 18', '2026-10-18']]);
    expect(dates('From Oct. 14 to Oct 15.')).toEqual([
      ['Oct. 14', '2026-10-14'],
      ['Oct 15', '2026-10-15'],
    ]);
    expect(dates('On 18 October and the 17th of October.')).toEqual([
      ['18 October', '2026-10-18'],
      ['17th of October', '2026-10-17'],
    ]);
    expect(dates('On Saturday, October 17, 2026, we walk.')).toEqual([['Saturday, October 17, 2026', '2026-10-17']]);
    expect(dates('Hearing set for 2026-10-15.')).toEqual([['2026-10-15', '2026-10-15']]);
    expect(dates('On Sept 30 we met.')).toEqual([['Sept 30', '2026-09-30']]);
  });

  it('takes the year that puts the date nearest the week', () => {
    expect(nearestYear(1, 2, '2026-12-28')).toBe('2027-01-02');
    expect(nearestYear(12, 30, '2027-01-04')).toBe('2026-12-30');
    expect(nearestYear(10, 18, '2026-10-12')).toBe('2026-10-18');
  });

  it('is not fooled by numbers, lower-case "may" or a bare year', () => {
    expect(dates('Pray for 40 new investigators; may 5 families find homes.')).toEqual([]);
    expect(dates('Since May 2026 the courts have met weekly.')).toEqual([]);
  });

  it('flags a weekday that does not match its date, and an impossible date', () => {
    const [wrong] = findDatePhrases('On Friday, October 18, we meet.', { week: WEEK });
    expect(wrong?.date).toBe('2026-10-18');
    expect(wrong?.problem).toMatch(/says Friday, but that date is a Sunday/);
    const [impossible] = findDatePhrases('On February 30 we meet.', { week: '2026-02-23' });
    expect(impossible?.date).toBeUndefined();
    expect(impossible?.problem).toMatch(/not a date/);
  });
});

describe('relative dates', () => {
  const MONDAY = '2026-10-12';
  it('reads tomorrow, today, this/on/next <weekday> from the date the update was sent', () => {
    expect(dates('Tomorrow we meet.', MONDAY)).toEqual([['Tomorrow', '2026-10-13']]);
    expect(dates('We meet today.', MONDAY)).toEqual([['today', '2026-10-12']]);
    expect(dates('This Saturday we walk.', MONDAY)).toEqual([['This Saturday', '2026-10-17']]);
    expect(dates('They meet on Wednesday.', MONDAY)).toEqual([['on Wednesday', '2026-10-14']]);
    expect(dates('They meet on Monday.', MONDAY)).toEqual([['on Monday', '2026-10-12']]);
    expect(dates('Next Monday we file.', MONDAY)).toEqual([['Next Monday', '2026-10-19']]);
    expect(dates('Next Friday we file.', MONDAY)).toEqual([['Next Friday', '2026-10-23']]);
  });

  it('"this <weekday>" sent on a Sunday is the coming one; "next <weekday>" is in the week after the sent week', () => {
    const SUNDAY = '2026-10-11';
    expect(dates('This Saturday we walk.', SUNDAY)).toEqual([['This Saturday', '2026-10-17']]);
    expect(dates('Next Monday we file.', SUNDAY)).toEqual([['Next Monday', '2026-10-12']]);
    const FRIDAY = '2026-10-16';
    expect(dates('Next Monday we file.', FRIDAY)).toEqual([['Next Monday', '2026-10-19']]);
  });

  it('is left unread without the sent date', () => {
    const [p] = findDatePhrases('Tomorrow we meet.', { week: WEEK });
    expect(p?.date).toBeUndefined();
    expect(p?.problem).toMatch(/--sent/);
  });

  it('does not read "On Saturday, October 17" as "on Saturday"', () => {
    expect(dates('On Saturday, October 17, we walk.', '2026-10-12')).toEqual([['Saturday, October 17', '2026-10-17']]);
  });

  it('ignores plural weekdays and "this week"', () => {
    expect(dates('We meet on Wednesdays and pray this week.', '2026-10-12')).toEqual([]);
  });
});

describe('rewriting relative dates', () => {
  it('writes the explicit date, with the comma that closes an opening date', () => {
    expect(rewrite('This Saturday our partner offices host prayer walks.', '2026-10-12')).toBe(
      'On Saturday, October 17, our partner offices host prayer walks.',
    );
    expect(rewrite('Tomorrow our global office hosts a day of prayer.', '2026-11-16')).toBe(
      'On Tuesday, November 17, our global office hosts a day of prayer.',
    );
    expect(rewrite('Our leaders meet district officials on Wednesday. Pray.', '2026-11-16')).toBe(
      'Our leaders meet district officials on Wednesday, November 18. Pray.',
    );
    expect(rewrite('We meet next Monday to pray.', '2026-10-12')).toBe('We meet on Monday, October 19, to pray.');
    expect(rewrite('This Saturday, our partners walk.', '2026-10-12')).toBe('On Saturday, October 17, our partners walk.');
  });

  it('keeps a time of day and a possessive readable', () => {
    expect(rewrite('Tomorrow evening we gather.', '2026-11-16')).toBe('On Tuesday evening, November 17, we gather.');
    expect(rewrite('We gather tonight.', '2026-11-16')).toBe('We gather on Monday evening, November 16.');
    expect(rewrite("Pray for this Saturday's walk.", '2026-10-12')).toBe("Pray for Saturday's (October 17) walk.");
  });

  it('leaves explicit dates and unread phrases alone', () => {
    const text = 'On October 18, and tomorrow, we pray.';
    expect(rewriteRelative(text, findDatePhrases(text, { week: WEEK }))).toBe(text);
  });
});
