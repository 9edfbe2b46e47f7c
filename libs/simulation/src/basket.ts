import { SeededRandom } from './random.js';

/**
 * What an electronics chain's customers buy, so the purchases carry item categories that go together as
 * they do in a real shop: a phone brings a case, a laptop a mouse, a TV a soundbar, a camera a memory card.
 */
const INTERESTS: ReadonlyArray<
  readonly [primary: string, accessory: string, together: number, weight: number]
> = [
  ['phone', 'phone-case', 0.55, 4],
  ['laptop', 'mouse', 0.5, 3],
  ['tv', 'soundbar', 0.45, 2],
  ['camera', 'memory-card', 0.5, 1],
  ['headphones', 'phone-case', 0.15, 2],
];

/** What one customer is into: the same for the same seed and customer, whatever else is drawn. */
export interface Interest {
  primary: string;
  accessory: string;
  together: number;
}

export function interestOf(seed: number, customerId: string): Interest {
  const random = new SeededRandom(seed ^ hash(customerId));
  const [primary, accessory, together] = random.weighted(
    INTERESTS.map((interest) => [interest, interest[3]] as const),
  );
  return { primary, accessory, together };
}

/**
 * The lines of one purchase worth `amountMinor`: a first purchase is the customer's main thing (sometimes
 * with its accessory); later ones are the accessory or the main thing again. Its own generator, seeded by
 * the order, so adding items changes no other draw of the traffic.
 */
export function basketOf(
  seed: number,
  orderId: string,
  interest: Interest,
  first: boolean,
  amountMinor: number,
): Array<{ sku: string; category: string; quantity: number; unitPriceMinor: number }> {
  const random = new SeededRandom(seed ^ hash(orderId));
  const categories = first
    ? random.chance(interest.together)
      ? [interest.primary, interest.accessory]
      : [interest.primary]
    : [random.chance(interest.together) ? interest.accessory : interest.primary];
  const accessoryShare = categories.length === 2 ? Math.floor(amountMinor * 0.15) : 0;
  return categories.map((category, index) => ({
    sku: `${category}-${random.integer(100, 999)}`,
    category,
    quantity: 1,
    unitPriceMinor: index === 0 ? amountMinor - accessoryShare : accessoryShare,
  }));
}

/** FNV-1a: a customer's or an order's own seed from its id. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value = Math.imul(value ^ text.charCodeAt(index), 16_777_619);
  }
  return value >>> 0;
}
