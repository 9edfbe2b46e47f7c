import type { MailLanguage } from './locale.js';

/** What people read for Ladder's codes, in each language. */
const LABELS: Record<MailLanguage, Record<string, string>> = {
  en: {
    'wait-time': 'Waiting time',
    staff: 'Staff',
    price: 'Price',
    'product-quality': 'Product quality',
    delivery: 'Delivery',
    cleanliness: 'Cleanliness',
    availability: 'Availability',
    checkout: 'Checkout',
    other: 'Other',
    'staff-behaviour': 'Staff behaviour',
    'product-defect': 'Product defect',
    'stock-availability': 'Out of stock',
    'checkout-billing': 'Checkout and billing',
    policy: 'Store policy',
    'expectation-mismatch': 'Expectations not met',
    unknown: 'Unknown (unreachable)',
    'store-manager': 'store manager',
    'regional-manager': 'regional manager',
  },
  fa: {
    'wait-time': 'زمان انتظار',
    staff: 'کارکنان',
    price: 'قیمت',
    'product-quality': 'کیفیت کالا',
    delivery: 'ارسال',
    cleanliness: 'نظافت',
    availability: 'موجودی کالا',
    checkout: 'صندوق و پرداخت',
    other: 'سایر',
    'staff-behaviour': 'رفتار کارکنان',
    'product-defect': 'ایراد کالا',
    'stock-availability': 'ناموجود بودن کالا',
    'checkout-billing': 'صندوق و صورتحساب',
    policy: 'قوانین فروشگاه',
    'expectation-mismatch': 'برآورده نشدن انتظار',
    unknown: 'نامشخص (در دسترس نبود)',
    'store-manager': 'مدیر فروشگاه',
    'regional-manager': 'مدیر منطقه',
  },
};

export function label(code: string, language: MailLanguage): string {
  return LABELS[language][code] ?? code;
}
