import { InitialSchema1795400000000 } from './1795400000000-initial-schema.js';
import { CustomerModel1795500000000 } from './1795500000000-customer-model.js';
import { ClosingTheLoop1795600000000 } from './1795600000000-closing-the-loop.js';
import { PromoterLoop1795700000000 } from './1795700000000-promoter-loop.js';
import { Operations1795800000000 } from './1795800000000-operations.js';
import { DeadLetterKeys1795900000000 } from './1795900000000-dead-letter-keys.js';
import { Reconciliation1796000000000 } from './1796000000000-reconciliation.js';
import { CustomerTally1796100000000 } from './1796100000000-customer-tally.js';
import { Erasures1796200000000 } from './1796200000000-erasures.js';
import { Vouchers1796300000000 } from './1796300000000-vouchers.js';
import { RewardKinds1796400000000 } from './1796400000000-reward-kinds.js';
import { PointsAndTiers1796500000000 } from './1796500000000-points-and-tiers.js';
import { CrossSell1796600000000 } from './1796600000000-cross-sell.js';
import { OfferReward1796650000000 } from './1796650000000-offer-reward.js';
import { DashboardIndexes1796700000000 } from './1796700000000-dashboard-indexes.js';
import { ContactIndex1796800000000 } from './1796800000000-contact-index.js';
import { DashboardFigures1796900000000 } from './1796900000000-dashboard-figures.js';
import { JobPriority1797000000000 } from './1797000000000-job-priority.js';

/** Every migration, oldest first. A schema change is a new migration here, never an edit of an old one. */
export const MIGRATIONS = [
  InitialSchema1795400000000,
  CustomerModel1795500000000,
  ClosingTheLoop1795600000000,
  PromoterLoop1795700000000,
  Operations1795800000000,
  DeadLetterKeys1795900000000,
  Reconciliation1796000000000,
  CustomerTally1796100000000,
  Erasures1796200000000,
  Vouchers1796300000000,
  RewardKinds1796400000000,
  PointsAndTiers1796500000000,
  CrossSell1796600000000,
  OfferReward1796650000000,
  DashboardIndexes1796700000000,
  ContactIndex1796800000000,
  DashboardFigures1796900000000,
  JobPriority1797000000000,
];
