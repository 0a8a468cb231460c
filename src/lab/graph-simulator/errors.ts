// Errors in Microsoft Graph's shape and with Graph's codes and messages (docs/matching-facts.md §3), so the
// adapter's error mapping is exercised against what the real service sends.
import { randomUUID } from 'node:crypto';

export interface GraphErrorDetail {
  code: string;
  message?: string;
  target?: string;
}

/** A Graph error a route throws; the server turns it into a response. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: GraphErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

/** `{ error: { code, message, details?, innerError: { date, request-id, client-request-id } } }`. */
export function graphErrorBody(error: GraphHttpError, requestId: string = randomUUID()): unknown {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      innerError: {
        // Graph sends the date without fractional seconds.
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': requestId,
        'client-request-id': requestId,
      },
    },
  };
}

/** The messages the simulator sends, in one place so they are easy to compare with Graph's. */
export const graphErrors = {
  notFound: (id: string) =>
    new GraphHttpError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  badRequest: (message: string) => new GraphHttpError(400, 'BadRequest', message),
  requestBadRequest: (message: string, details?: GraphErrorDetail[]) =>
    new GraphHttpError(400, 'Request_BadRequest', message, details),
  unsupportedQuery: (message: string) => new GraphHttpError(400, 'Request_UnsupportedQuery', message),
  /** What Graph answers for ne/not/endsWith without `ConsistencyLevel: eventual` and `$count=true`. */
  needsAdvancedQuery: (operator: string) =>
    new GraphHttpError(
      400,
      'Request_UnsupportedQuery',
      `Operator '${operator}' is not supported because the required parameters might be missing. ` +
        'Try adding $count=true query parameter and ConsistencyLevel:eventual header. ' +
        'Refer to https://aka.ms/graph-docs/advanced-queries for more information',
    ),
  unsupportedFilterProperty: (property: string, resource: string) =>
    new GraphHttpError(
      400,
      'Request_UnsupportedQuery',
      `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
    ),
  unknownProperty: (property: string, type: string) =>
    new GraphHttpError(400, 'BadRequest', `Could not find a property named '${property}' on type '${type}'.`),
  /** Duplicate value (docs/matching-facts.md §3): the immutableId variant names the other object. */
  conflict: (property: string, otherObjectId?: string) =>
    new GraphHttpError(
      400,
      'Request_BadRequest',
      `Another object with the same value for property ${property} already exists.`,
      [
        {
          code: 'ObjectConflict',
          message: `Another object with the same value for property ${property} already exists.`,
          target: property,
        },
        ...(otherObjectId
          ? [
              {
                code: 'ConflictingObjects',
                message: `Another object with the same value for property ${property} already exists.`,
                target: `User_${otherObjectId}`,
              },
            ]
          : []),
      ],
    ),
  syncedObject: () =>
    new GraphHttpError(
      400,
      'Request_BadRequest',
      'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
    ),
  /** UNVERIFIED (docs/matching-facts.md §2.11, §3): Graph's exact text for this refusal is not published; this
   *  is MSOnline's message for the same rule. The status (400) and code are what the field reports. */
  federatedImmutableId: () =>
    new GraphHttpError(
      400,
      'Request_BadRequest',
      'You must provide a required property: Parameter name: FederatedUser.SourceAnchor',
    ),
  unverifiedUpnDomain: () =>
    new GraphHttpError(
      400,
      'Request_BadRequest',
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
    ),
  /** UNVERIFIED: what Graph says for an empty or malformed onPremisesImmutableId. */
  invalidValue: (property: string, resource: string) =>
    new GraphHttpError(
      400,
      'Request_BadRequest',
      `Invalid value specified for property '${property}' of resource '${resource}'.`,
    ),
  readOnly: (property: string) =>
    new GraphHttpError(400, 'Request_BadRequest', `Property '${property}' is read-only and cannot be set.`),
  forbidden: () =>
    new GraphHttpError(
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    ),
  /** PIM reads on a tenant without Entra ID P2 / ID Governance (what such tenants report). */
  premiumLicenseRequired: () =>
    new GraphHttpError(
      400,
      'AadPremiumLicenseRequired',
      'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.',
    ),
  /** Listing /directory/deletedItems without the type cast. */
  onlySpecificInstances: () =>
    new GraphHttpError(
      400,
      'Request_UnsupportedQuery',
      'Searches against this resource are not supported. Only specific instances can be queried.',
    ),
  unauthenticated: (message: string) =>
    new GraphHttpError(401, 'InvalidAuthenticationToken', message, undefined, {
      'WWW-Authenticate':
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
    }),
  throttled: (retryAfterSeconds: number) =>
    new GraphHttpError(
      429,
      'TooManyRequests',
      'Too many requests are being made. Please try again later.',
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  unavailable: () =>
    new GraphHttpError(
      503,
      'serviceNotAvailable',
      'The service is temporarily unavailable. Please retry later.',
      undefined,
      {
        'Retry-After': '0',
      },
    ),
  internal: () =>
    new GraphHttpError(
      500,
      'generalException',
      'An internal server error occurred (lab: injected write failure).',
    ),
  methodNotAllowed: () =>
    new GraphHttpError(405, 'Request_BadRequest', 'The HTTP method is not supported for this resource.'),
} as const;
