export { promptSecret, type PromptStreams } from './masked-prompt.js';
export { SecretRedactor, secretRedactor } from './redactor.js';
export { resolveSecret, type SecretSources } from './resolve.js';
export {
  SECRET_REF_HELP,
  SECRET_REF_PATTERN,
  describeSecretRef,
  formatSecretRef,
  isSecretRef,
  parseSecretRef,
  type SecretRef,
} from './secret-ref.js';
