// Every rule, in the order their findings are reported within a severity.
import type { Finding } from '../findings.js';
import { adAnchorRules } from './ad-anchor.js';
import { adAttributeRules } from './ad-attributes.js';
import { adDuplicateRules } from './ad-duplicates.js';
import { adScopeRules } from './ad-scope.js';
import { cloudDuplicateRules } from './cloud-duplicates.js';
import type { RuleContext } from './context.js';
import { deletedUserRules } from './deleted-users.js';
import { forestTwinRules } from './forest-twins.js';
import { quarantineRules } from './quarantine.js';
import { skippedCheckRules } from './skipped-checks.js';
import { signInNameRules } from './sign-in-name.js';
import { targetStateRules } from './target-state.js';
import { tenantSwitchRules } from './tenant-switches.js';
import { upnSuffixRules } from './upn-suffix.js';

export type Rule = (ctx: RuleContext) => Finding[];

export const RULES: readonly Rule[] = [
  adAttributeRules,
  adDuplicateRules,
  adAnchorRules,
  forestTwinRules,
  adScopeRules,
  upnSuffixRules,
  signInNameRules,
  targetStateRules,
  cloudDuplicateRules,
  deletedUserRules,
  quarantineRules,
  tenantSwitchRules,
  skippedCheckRules,
];
