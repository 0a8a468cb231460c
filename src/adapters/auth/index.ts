export { authRecordPath, loadAuthRecord, saveAuthRecord } from './auth-record.js';
export {
  browserAvailable,
  createSignIn,
  type DeviceCodePrompt,
  type SignIn,
  type SignInOptions,
} from './credentials.js';
export { graphAuthProvider } from './graph-auth-provider.js';
export {
  GRAPH_PERMISSIONS,
  GRAPH_RESOURCE,
  describePermissions,
  neededPermissions,
  permissionStatus,
  scopesFor,
  type GraphPermission,
  type PermissionStatus,
} from './permissions.js';
export { explainSignInError } from './sign-in-errors.js';
export { decodeTokenClaims, type TokenClaims } from './token-claims.js';
