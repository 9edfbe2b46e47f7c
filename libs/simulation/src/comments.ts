/** Comments people really write after shopping, by language and mood; the demo and the benchmark use them. */
export const COMMENTS = {
  fa: {
    unhappy: [
      'چهل دقیقه منتظر ماندم و هیچ‌کس کمکم نکرد.',
      'قیمت‌ها خیلی گران‌تر از فروشگاه‌های دیگر است.',
      'کالا خراب به دستم رسید و کسی جواب تلفن را نداد.',
      'فروشنده بی‌حوصله بود و درست توضیح نداد.',
      'ارسال سفارش یک هفته دیر شد.',
      'فروشگاه شلوغ و کثیف بود.',
    ],
    neutral: ['بد نبود، ولی صف صندوق طولانی بود.', 'قیمت‌ها معقول است.', 'معمولی بود.'],
    happy: [
      'خیلی خوب بود، ممنون!',
      'فروشنده بسیار صبور و مؤدب بود.',
      'تحویل سریع بود و بسته‌بندی عالی.',
      'بهترین فروشگاه لوازم برقی در شهر.',
    ],
  },
  en: {
    unhappy: [
      'Waited 40 minutes and nobody helped me.',
      'The TV arrived broken and nobody answers the phone.',
      'Prices are much higher than elsewhere.',
      'The delivery was a week late.',
      'Staff were rude and did not know the products.',
      'The checkout queue was endless.',
    ],
    neutral: ['It was fine, nothing special.', 'Good products but the website is slow.', 'OK overall.'],
    happy: [
      'Great service, thank you!',
      'Chris was wonderful and really helpful.',
      'Fast delivery and well packed.',
      'Best electronics shop around.',
    ],
  },
} as const;

export const FIRST_NAMES = {
  fa: ['سارا', 'علی', 'مریم', 'رضا', 'نگار', 'امید', 'پریسا', 'حسین', 'شیرین', 'کاوه', 'لیلا', 'مهدی'],
  en: ['Sara', 'Ali', 'Emma', 'Oliver', 'Noah', 'Mia', 'Liam', 'Ava', 'Lucas', 'Zoe', 'Ethan', 'Nora'],
} as const;
