/** What a comment is about, whether praise or complaint. 'other' is a comment that matched no theme. */
export type Theme =
  | 'wait-time'
  | 'staff'
  | 'price'
  | 'product-quality'
  | 'delivery'
  | 'cleanliness'
  | 'availability'
  | 'checkout'
  | 'other';

/** The themes found by keywords; 'other' is only what is left. */
export type KeywordTheme = Exclude<Theme, 'other'>;

export const KEYWORD_THEMES: readonly KeywordTheme[] = [
  'availability',
  'checkout',
  'cleanliness',
  'delivery',
  'price',
  'product-quality',
  'staff',
  'wait-time',
];

/** Keywords or phrases, as people write them; they are normalised before matching. */
export interface KeywordLists {
  fa: string[];
  en: string[];
}

export interface FloodRule {
  /** How many earlier answers within the window a customer may give before the next one is a flood. */
  maxAnswers: number;
  withinMs: number;
}

/** The data that drives triage: readable, and extendable by a manager through mergeTriageRules. */
export interface TriageRules {
  themes: Record<KeywordTheme, KeywordLists>;
  abuse: KeywordLists;
  /** Strongly positive words, for score-mismatch. */
  positive: KeywordLists;
  /** Strongly negative words, for score-mismatch. */
  negative: KeywordLists;
  flood: FloodRule;
}
