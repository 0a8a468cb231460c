// The simulator's request and response, independent of node:http so `$batch` can send its inner
// requests through the same router as top-level ones.
import type { LabState } from '../lab-state.js';

export interface SimRequest {
  method: string;
  /** Decoded path below the version, e.g. `/users/john@contoso.com`. */
  path: string;
  /** Query parameters, decoded (`+` is a space, as in Graph). */
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: unknown;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What a route may use: the shared lab state (never copied) and where the simulator listens. */
export interface SimContext {
  state: LabState;
  /** e.g. `https://127.0.0.1:4321/` (ends with a slash; the version comes after it). */
  baseUrl: string;
}

export const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
