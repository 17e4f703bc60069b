import type { Config } from '../../config.js';
import type { Store } from '../../db/store.js';
import type { Feature } from '../engine/feature.js';
import type { Clock } from '../engine/ports.js';
import { coreFeature } from './core/index.js';
import type { NudgePlanner } from './core/nudge-plan.js';
import { identityFeature, type PlatformLabels } from './identity/index.js';
import { loadFeature } from './load/index.js';
import { meetingsFeature } from './meetings/index.js';
import { problemsFeature } from './problems/index.js';
import type { LedgerBuilder } from './spreadsheets/export.js';
import { spreadsheetsFeature } from './spreadsheets/index.js';
import { stationsFeature } from './stations/index.js';
import type { StatsReader } from './stations/stats-reader.js';
import { suggestionsFeature } from './suggestions/index.js';

export interface FeatureDeps {
  config: Config;
  store: Store;
  clock: Clock;
  labels: PlatformLabels;
  buildLedger: LedgerBuilder | undefined;
  planNudges?: NudgePlanner | undefined;
  stats?: StatsReader | undefined;
}

/**
 * Every feature, in the order the scheduler runs their jobs on a tick: meeting reminders first
 * (they are tied to the minute), then the stations' reports, then the five-ones nudges, then the
 * paired contacts' weekly summaries.
 */
export function allFeatures(deps: FeatureDeps): Feature[] {
  return [
    meetingsFeature,
    stationsFeature({ config: deps.config, store: deps.store, clock: deps.clock, stats: deps.stats }),
    coreFeature({ planNudges: deps.planNudges }),
    identityFeature({ labels: deps.labels }),
    suggestionsFeature(),
    spreadsheetsFeature(deps.buildLedger),
    loadFeature,
    problemsFeature,
  ];
}
