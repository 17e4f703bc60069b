import { describe } from 'vitest';
import { storeContract } from './store-contract.js';
import { STORE_FACTORIES } from './stores.js';

describe.each(STORE_FACTORIES)('store contract on %s', (_name, factory) => {
  storeContract(factory);
});
