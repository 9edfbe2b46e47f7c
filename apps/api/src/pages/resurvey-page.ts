import { escapeHtml, formatNumber, mailLanguage } from '#mail';
import { customerPageHtml } from './customer-page.js';

export type ResurveyPageState = 'ask' | 'thanks' | 'invalid';

const TEXT = {
  en: {
    title: 'One question',
    question: (store: string) => `How likely are you to recommend ${store} to a friend?`,
    low: 'Not at all likely',
    high: 'Extremely likely',
    comment: 'Anything you would like to tell us? (optional)',
    send: 'Send',
    thanks: 'Thank you. Your answer reached us.',
    invalid: 'This link is not valid any more. Thank you for thinking of us.',
  },
  fa: {
    title: 'یک پرسش',
    question: (store: string) => `چقدر احتمال دارد ${store} را به دوستانتان پیشنهاد کنید؟`,
    low: 'اصلاً',
    high: 'حتماً',
    comment: 'اگر نکته‌ای دارید بنویسید (اختیاری)',
    send: 'ارسال',
    thanks: 'سپاسگزاریم. پاسخ شما به دست ما رسید.',
    invalid: 'این پیوند دیگر معتبر نیست. از توجه شما سپاسگزاریم.',
  },
};

/** The page a re-survey e-mail links to: one question, 0–10, in the customer's language. No script needed. */
export function renderResurveyPage(
  state: ResurveyPageState,
  locale: string,
  storeName: string,
  action: string,
): string {
  const language = mailLanguage(locale);
  const t = TEXT[language];
  const body =
    state === 'ask'
      ? `<form method="post" action="${escapeHtml(action)}">
  <fieldset><legend>${escapeHtml(t.question(storeName))}</legend>
  <div class="scale">${Array.from({ length: 11 }, (_, score) => `<label><input type="radio" name="score" value="${score}" required> ${formatNumber(score, language)}</label>`).join('')}</div>
  <p class="ends"><span>${escapeHtml(t.low)}</span><span>${escapeHtml(t.high)}</span></p>
  </fieldset>
  <label for="comment">${escapeHtml(t.comment)}</label>
  <textarea id="comment" name="comment" maxlength="4000" rows="4" dir="auto"></textarea>
  <button class="primary" type="submit">${escapeHtml(t.send)}</button>
</form>`
      : `<p role="status">${escapeHtml(state === 'thanks' ? t.thanks : t.invalid)}</p>`;
  return customerPageHtml(language, t.title, storeName, body);
}
