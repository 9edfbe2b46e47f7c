import { DEFAULT_TRIAGE_RULES } from './default-triage-rules.js';
import { mergeTriageRules, type TriageRulesExtension } from './merge-triage-rules.js';
import { triageComment } from './triage-comment.js';
import { type TriageRules } from './triage-rules.js';

const NOW = new Date('2026-03-10T12:00:00Z');

function triage(comment: string, rules: TriageRules, score = 5) {
  return triageComment({ comment, score, occurredAt: NOW, otherAnswerTimes: [] }, rules);
}

describe('mergeTriageRules', () => {
  it('adds a manager keyword to a theme, and it starts matching', () => {
    const comment = 'The installation service set up my TV on the wall.';
    expect(triage(comment, DEFAULT_TRIAGE_RULES).themes).toEqual(['other']);
    const rules = mergeTriageRules(DEFAULT_TRIAGE_RULES, { themes: { delivery: { en: ['installation'] } } });
    expect(triage(comment, rules).themes).toEqual(['delivery']);
  });

  it('adds a Persian keyword written with a non-joiner, which matches every spelling', () => {
    const rules = mergeTriageRules(DEFAULT_TRIAGE_RULES, { themes: { checkout: { fa: ['پس‌گرفتن'] } } });
    for (const comment of ['جنس رو پس‌گرفتن خیلی سخت بود', 'جنس رو پسگرفتن', 'جنس رو پس گرفتن']) {
      expect(triage(comment, rules).themes).toEqual(['checkout']);
    }
  });

  it('adds an abuse word, and it flags', () => {
    const comment = 'فروشنده مثل گاو رفتار کرد';
    expect(triage(comment, DEFAULT_TRIAGE_RULES).flags).toEqual([]);
    const rules = mergeTriageRules(DEFAULT_TRIAGE_RULES, { abuse: { fa: ['گاو'] } });
    expect(triage(comment, rules)).toMatchObject({ flags: ['abuse'], quality: 'flagged' });
  });

  it('adds sentiment words for the score-mismatch rule', () => {
    const rules = mergeTriageRules(DEFAULT_TRIAGE_RULES, { positive: { en: ['stellar'] } });
    expect(triage('Stellar experience.', DEFAULT_TRIAGE_RULES, 1).flags).toEqual([]);
    expect(triage('Stellar experience.', rules, 1).flags).toEqual(['score-mismatch']);
  });

  it('keeps the base lists first and drops keywords that are the same once normalised', () => {
    const rules = mergeTriageRules(DEFAULT_TRIAGE_RULES, {
      themes: {
        price: { fa: ['قيمت', 'قیمت', 'پیش‌پرداخت', 'پیش پرداخت'], en: ['PRICE', 'bargain', ' bargain '] },
      },
    });
    expect(rules.themes.price.fa).toEqual([...DEFAULT_TRIAGE_RULES.themes.price.fa, 'پیش‌پرداخت']);
    expect(rules.themes.price.en).toEqual([...DEFAULT_TRIAGE_RULES.themes.price.en, 'bargain']);
    expect(rules.themes.staff).toEqual(DEFAULT_TRIAGE_RULES.themes.staff);
  });

  it('replaces the flood numbers that are given and keeps the others', () => {
    expect(mergeTriageRules(DEFAULT_TRIAGE_RULES, { flood: { maxAnswers: 5 } }).flood).toEqual({
      maxAnswers: 5,
      withinMs: DEFAULT_TRIAGE_RULES.flood.withinMs,
    });
    expect(mergeTriageRules(DEFAULT_TRIAGE_RULES, { flood: { withinMs: 3_600_000 } }).flood).toEqual({
      maxAnswers: 3,
      withinMs: 3_600_000,
    });
  });

  it('returns new frozen rules and leaves the base untouched', () => {
    const before = JSON.stringify(DEFAULT_TRIAGE_RULES);
    const rules = mergeTriageRules(DEFAULT_TRIAGE_RULES, { abuse: { en: ['numpty'] } });
    expect(JSON.stringify(DEFAULT_TRIAGE_RULES)).toBe(before);
    expect(Object.isFrozen(rules.abuse.en)).toBe(true);
    expect(Object.isFrozen(DEFAULT_TRIAGE_RULES.themes['wait-time'].fa)).toBe(true);
    expect(mergeTriageRules(DEFAULT_TRIAGE_RULES, {})).toEqual(DEFAULT_TRIAGE_RULES);
  });

  it.each([
    [{ themes: { warranty: { en: ['warranty'] } } }, /unknown key "warranty"/],
    [{ abuse_words: { en: ['x'] } }, /unknown key "abuse_words"/],
    [{ abuse: { de: ['x'] } }, /unknown key "de"/],
    [{ abuse: { en: 'idiot' } }, /abuse.en must be a list of strings/],
    [{ abuse: { en: [42] } }, /abuse.en must be a list of strings/],
    [{ themes: ['price'] }, /themes must be a mapping/],
    [{ flood: { maxAnswers: 0 } }, /flood.maxAnswers must be an integer of at least 1/],
    [{ flood: { withinMs: '24h' } }, /flood.withinMs must be an integer of at least 1/],
  ])('refuses a malformed extension: %j', (extension, message) => {
    expect(() =>
      mergeTriageRules(DEFAULT_TRIAGE_RULES, extension as unknown as TriageRulesExtension),
    ).toThrow(message);
  });

  it('accepts the example of the README', () => {
    const rules = mergeTriageRules(DEFAULT_TRIAGE_RULES, {
      themes: {
        delivery: { en: ['installation', 'installer'], fa: ['نصب', 'پس‌گرفتن'] },
        price: { fa: ['اقساط'] },
      },
      abuse: { fa: ['گاو'] },
      positive: { en: ['stellar'] },
      flood: { maxAnswers: 5, withinMs: 86_400_000 },
    });
    expect(triage('نصب تلویزیون رو هم انجام دادن', rules).themes).toEqual(['delivery']);
    expect(triage('خرید اقساطی داشتید؟', rules).themes).toEqual(['price']);
    expect(rules.flood).toEqual({ maxAnswers: 5, withinMs: 86_400_000 });
  });

  it('sees a rules object that was changed after it was first used', () => {
    const rules: TriageRules = JSON.parse(JSON.stringify(DEFAULT_TRIAGE_RULES)) as TriageRules;
    expect(triage('Blah blah', rules).themes).toEqual(['other']);
    rules.themes.staff.en.push('blah');
    expect(triage('Blah blah', rules).themes).toEqual(['staff']);
  });
});
