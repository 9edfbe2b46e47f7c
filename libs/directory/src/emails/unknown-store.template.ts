import { type RenderedEmail, renderEmail } from '#mail';

export interface UnknownStoreData {
  storeId: string;
  directoryHint: string;
}

/** Tells an admin that events arrive for a store the directory does not list. */
export function renderUnknownStore(data: UnknownStoreData): RenderedEmail {
  return renderEmail('en', `Ladder: events for unknown store "${data.storeId}"`, {
    paragraphs: [
      `Ladder received events for the store "${data.storeId}", which the directory does not list.`,
      'They are accepted and counted. Follow-up cases for this store go to the fallback owner until the store is added.',
      data.directoryHint,
    ],
    facts: [['Store id', data.storeId]],
    footer: 'Sent by Ladder once per unknown store.',
  });
}
