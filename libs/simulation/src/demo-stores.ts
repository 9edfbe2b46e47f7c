import type { Directory } from '#contracts';
import { SeededRandom } from './random.js';
import type { SimulatedStore } from './traffic-simulator.js';

/**
 * The directory's stores as the simulator sees them: Iranian stores sell in rials, others in dollars; each
 * store gets its own quality from the seed, so the NPS table has a best and a worst store. One pop-up store
 * the directory does not know shows what happens to events of unknown stores.
 */
export function simulatedStores(
  directory: Directory,
  seed: number,
  withUnknownStore = true,
): SimulatedStore[] {
  const random = new SeededRandom(seed ^ 0x5eed);
  const stores: SimulatedStore[] = directory.stores.map((store) => ({
    id: store.id,
    locale: store.locale,
    currency: store.locale.startsWith('fa') ? 'IRR' : 'USD',
    employeeIds: directory.employees
      .filter((employee) => employee.storeId === store.id)
      .map((employee) => employee.id),
    quality: 0.3 + random.next() * 0.6,
    weight: 1,
  }));
  if (withUnknownStore) {
    stores.push({
      id: 'popup-bazaar',
      locale: 'fa-IR',
      currency: 'IRR',
      employeeIds: [],
      quality: 0.5,
      weight: 0.05,
    });
  }
  return stores;
}
