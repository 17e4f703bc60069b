import type { Feature } from '../../engine/feature.js';
import { pauseCommand, resumeCommand } from './pause.js';

/** Lightening the load (减负): pausing and resuming a cadre's part in the programme. */
export const loadFeature: Feature = {
  name: 'load',
  routes: { commands: { pause: pauseCommand, resume: resumeCommand } },
};
