// A TokenCredential (@azure/identity) as the Graph client's AuthenticationProvider, through the
// Graph SDK's own bridge. The package has no exports map, hence the full deep path (stack notes).
import type { TokenCredential } from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';

export function graphAuthProvider(credential: TokenCredential, scopes: string[]): AuthenticationProvider {
  return new TokenCredentialAuthenticationProvider(credential, { scopes });
}
