/** summary.app: the app's figures over every endpoint that has them (a run that did not ask has none). */
import type { EndpointResult, Summary } from '../result/run-result.js';
import { mergeAppFigures } from './app-tally.js';

export function withAppSummary(summary: Summary, endpoints: Record<string, Pick<EndpointResult, 'app'>>): Summary {
  const apps = Object.values(endpoints).flatMap((e) => (e.app ? [e.app] : []));
  return apps.length ? { ...summary, app: mergeAppFigures(apps) } : summary;
}
