// What every view shares: the language chosen and the person signed in (null until the API says who).
import { MESSAGES } from './i18n.js';

export const state = {
  language: localStorage.getItem('ladder-language') === 'fa' ? 'fa' : 'en',
  session: null,
};

/** The texts in the language chosen. */
export const t = () => MESSAGES[state.language];
