/**
 * The response headers the load path records (besides framing): the edge recorder's, and `location` for flows.
 * A request can ask for more (`WireRequest.keepHeaders`).
 */
import { EDGE_RESPONSE_HEADERS } from '../../edge/headers/observed.js';

export const RECORDED_HEADERS: readonly string[] = [...EDGE_RESPONSE_HEADERS, 'location'];
