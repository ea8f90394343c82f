/**
 * The case page's keyboard shortcuts. They press the same controls a mouse would (the claim button, a hit's
 * disposition, an outcome), so every rule those controls apply (disabled with a reason, a rationale first)
 * holds for the keyboard too.
 */
export const reviewShortcuts = [
  { keys: ['c'], does: 'Claim the case, or release it' },
  { keys: ['j', 'k'], does: 'Next / previous section or AML hit' },
  { keys: ['o'], does: 'Open or close the focused hit or representative' },
  { keys: ['1', '2', '3'], does: 'Focused hit: true match, false positive, needs information' },
  { keys: ['a', 'r', 'e', 'i'], does: 'Outcome: approve, reject, escalate, request information' },
  { keys: ['Enter'], does: 'Record the decision, once its reason is chosen' },
  { keys: ['d'], does: 'Go to the decision panel' },
  { keys: ['n'], does: 'Claim and open the next case' },
  { keys: ['?'], does: 'Show these shortcuts' },
] as const;

export const outcomeKeys: Record<string, string> = {
  a: 'approve',
  r: 'reject',
  e: 'escalate',
  i: 'request_information',
};

export const dispositionKeys: Record<string, string> = {
  '1': 'true_match',
  '2': 'false_positive',
  '3': 'needs_information',
};

const nonTextInputs = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file']);

/** Whether keys pressed here are text (a field, an editable region): no shortcut may take them. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !nonTextInputs.has(target.type);
  return false;
}

/** Whether a dialog, menu or list box has the keyboard: its own keys come first. */
export const inOverlay = (target: EventTarget | null) =>
  target instanceof Element && target.closest('[role="dialog"], [role="menu"], [role="listbox"]') !== null;

/** The element ids the shortcuts find the page's regions by. */
export const workspaceIds = {
  evidence: 'case-evidence',
  decision: 'case-decision',
} as const;
