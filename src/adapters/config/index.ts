export {
  environmentLayer,
  fileLayer,
  flagLayer,
  mergeProfiles,
  type Env,
  type Layer,
  type SettingsFlags,
} from './layers.js';
export { loadSettings, requireSection, type LoadSettingsOptions } from './load-settings.js';
export {
  adTlsProblems,
  endpointWarnings,
  insecureTlsWarning,
  isMicrosoftAuthority,
  resolveAd,
  resolveSync,
  resolveTenant,
  settingNames,
} from './resolve-settings.js';
export { resolveForests } from './resolve-forests.js';
export {
  SIGN_IN_METHODS,
  TRANSPORTS,
  configFileSchema,
  profileFileSchema,
  type ConfigFile,
  type ProfileFile,
  type SignInMethod,
  type TransportName,
} from './schema.js';
export { GLOBAL_VARIABLES, SECRET_VALUE_VARIABLES, SETTING_KEYS, environmentHelp } from './setting-keys.js';
export {
  DEFAULTS,
  type AdSettings,
  type ForestSettings,
  type Section,
  type Settings,
  type SyncServerSettings,
  type TenantSettings,
} from './settings-types.js';
export { CONFIG_FILE, ConfigStore } from './store.js';
