// The MANUAL step for AD_DUPLICATE_ANCHOR: which object keeps the anchor, and the exact command
// that clears it on the other (Set-ADObject accepts an objectGUID as -Identity; -Clear empties an
// attribute): https://learn.microsoft.com/en-us/powershell/module/activedirectory/set-adobject
import type { Finding, FindingCode } from './findings.js';
import type { LabAction, PlanStep } from './plan-types.js';
import type { AnchorSharer, DuplicateAnchorEvidence } from './rules/ad-anchor.js';
import { psString } from './powershell/quote.js';

type Manual = (
  because: FindingCode[],
  description: string,
  instructions: string[],
  verify: string,
  lab?: LabAction[],
) => PlanStep;

function name(o: AnchorSharer): string {
  return o.displayName ?? o.sAMAccountName ?? o.dn;
}

function clearCommand(o: AnchorSharer, attribute: string): string {
  return `Set-ADObject -Identity ${psString(o.objectGuid)} -Clear ${psString(attribute)}`;
}

export function duplicateAnchorStep(f: Finding, manual: Manual): PlanStep {
  const e = f.evidence as unknown as DuplicateAnchorEvidence;
  const loser = e.owner === 'user' ? e.other : e.owner === 'other' ? e.user : null;
  const keeper = e.owner === 'user' ? e.user : e.owner === 'other' ? e.other : null;
  const caution =
    'If the object you clear is already synced, its cloud user loses its link: the next sync gives it its own objectGUID as anchor. Check in the Entra admin center first which cloud user each one is synced with.';
  if (loser && keeper) {
    return manual(
      ['AD_DUPLICATE_ANCHOR'],
      `Clear the copied ${e.attribute} of ${name(loser)} in AD`,
      [
        `${name(keeper)} (${keeper.dn}) keeps the anchor ${e.anchor}: it is its own objectGUID.`,
        `${name(loser)} (${loser.dn}) carries a copy in ${e.attribute}. Clear it: ${clearCommand(loser, e.attribute)}`,
        caution,
      ],
      'Re-reads AD and checks no other object exports the same sourceAnchor.',
      [{ kind: 'setAdAttribute', objectGuid: loser.objectGuid, attribute: e.attribute, value: null }],
    );
  }
  return manual(
    ['AD_DUPLICATE_ANCHOR'],
    `Decide which of ${name(e.user)} and ${name(e.other)} keeps the anchor`,
    [
      `Both ${e.user.dn} and ${e.other.dn} export the sourceAnchor ${e.anchor}, and it is neither one's objectGUID.`,
      `Keep it on the object already synced with it; clear it on the other: ${clearCommand(e.user, e.attribute)}  or  ${clearCommand(e.other, e.attribute)}`,
      caution,
    ],
    'Re-reads AD and checks no other object exports the same sourceAnchor.',
  );
}
