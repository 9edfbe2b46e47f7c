export interface CustomerAnswerDto {
  eventId: string;
  storeId: string;
  score: number;
  classification: string;
  comment: string | null;
  occurredAt: string;
}

export interface CustomerPurchaseDto {
  eventId: string;
  storeId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  occurredAt: string;
}

export interface CustomerDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  marketingConsent: boolean | null;
  firstSeenAt: string;
  lastSeenAt: string;
  lastScore: number | null;
  /** Lifetime spend per currency, in minor units; currencies are never added together. */
  valueMinor: Record<string, number>;
  purchaseCount: number;
  answerCount: number;
  openCaseIds: string[];
  loyaltyClub: { invitedAt: string; referralCode: string } | null;
  /** The customer's facts, newest first: answers and purchases. */
  history: Array<({ type: 'answer' } & CustomerAnswerDto) | ({ type: 'purchase' } & CustomerPurchaseDto)>;
}
