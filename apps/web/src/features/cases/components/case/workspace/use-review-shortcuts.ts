import { useEffect, useRef } from 'react';
import { dispositionKeys, inOverlay, isTyping, outcomeKeys, workspaceIds } from './review-keys';

export type ReviewShortcutActions = {
  /** Claim the case, or release it when the user holds it. */
  toggleClaim: () => void;
  nextCase: () => void;
  showHelp: () => void;
};

const byId = (id: string) => document.getElementById(id);
const decisionForm = () => byId(workspaceIds.decision)?.querySelector('form') ?? null;

/** Focuses an element and brings it into view without jumping further than needed. */
function bringToFocus(element: HTMLElement, block: ScrollLogicalPosition) {
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block, behavior: 'auto' });
}

/** j / k: the next or previous section or AML hit of the evidence, from the focused one. */
function move(step: 1 | -1) {
  const evidence = byId(workspaceIds.evidence);
  if (!evidence) return;
  const stops = [...evidence.querySelectorAll<HTMLElement>('[data-review-stop]')];
  if (stops.length === 0) return;
  const active = document.activeElement;
  const current = active instanceof HTMLElement ? stops.indexOf(active) : -1;
  // From inside a stop (a button in a hit), j moves past that stop rather than back to it.
  const containing = current === -1 ? stops.findLastIndex((stop) => stop.contains(active)) : current;
  const index =
    containing === -1
      ? step === 1
        ? 0
        : stops.length - 1
      : Math.max(0, Math.min(stops.length - 1, containing + step));
  const target = stops[index];
  if (target) bringToFocus(target, target.dataset.reviewStop === 'section' ? 'start' : 'center');
}

const focusedStop = (kind: string) =>
  document.activeElement instanceof Element
    ? document.activeElement.closest<HTMLElement>(`[data-review-stop="${kind}"]`)
    : null;

/** 1 / 2 / 3 on a focused hit: its disposition control's button, as a click would. */
function dispose(value: string) {
  const hit = focusedStop('hit');
  const button = hit?.querySelector<HTMLButtonElement>(`button[value="${value}"]:not(:disabled)`);
  if (!hit || !button) return;
  button.click();
  // A listing that needs a rationale asks for it; the reviewer types it straight away.
  requestAnimationFrame(() => hit.querySelector<HTMLElement>('textarea:not([aria-hidden])')?.focus());
}

/** o: opens or closes the focused hit's or representative's details. */
function toggleOpen() {
  const stop = focusedStop('hit') ?? focusedStop('entity');
  stop?.querySelector<HTMLButtonElement>('[data-review-open]')?.click();
}

/** a / r / e / i: chooses the outcome; the reason is next, so the focus goes to it. */
function chooseOutcome(outcome: string) {
  const form = decisionForm();
  const radio = form?.querySelector<HTMLInputElement>(
    `input[type="radio"][value="${outcome}"]:not(:disabled)`,
  );
  if (!form || !radio) return;
  radio.click();
  requestAnimationFrame(() => {
    const reason = form.querySelector<HTMLElement>('[role="combobox"]');
    if (reason && reason.getAttribute('aria-disabled') !== 'true') bringToFocus(reason, 'nearest');
  });
}

/** Enter: records the decision when it can be; true when it did (the key is then taken). */
function recordDecision(target: EventTarget | null): boolean {
  const form = decisionForm();
  const submit = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!form || !submit || submit.disabled) return false;
  // Enter on a button or link already presses it; on the reason's closed list it records instead of reopening.
  if (target instanceof Element && target.closest('button, a, [role="button"]')) return false;
  form.requestSubmit(submit);
  return true;
}

export function goToDecision() {
  const panel = byId(workspaceIds.decision);
  if (panel) bringToFocus(panel, 'start');
}

/**
 * The case page's keys (listed by `reviewShortcuts`). None fires while typing in a field, with a modifier
 * held, or while a dialog or menu has the keyboard.
 */
export function useReviewShortcuts(actions: ReviewShortcutActions) {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target) || inOverlay(event.target)) return;
      const { key } = event;
      const outcome = outcomeKeys[key];
      const disposition = dispositionKeys[key];
      if (key === 'Enter') {
        if (recordDecision(event.target)) {
          event.preventDefault();
          event.stopPropagation();
        }
        return;
      }
      if (key === 'j' || key === 'k') move(key === 'j' ? 1 : -1);
      else if (key === 'o') toggleOpen();
      else if (disposition) dispose(disposition);
      else if (outcome) chooseOutcome(outcome);
      else if (key === 'c') latest.current.toggleClaim();
      else if (key === 'n') latest.current.nextCase();
      else if (key === 'd') goToDecision();
      else if (key === '?') latest.current.showHelp();
      else return;
      event.preventDefault();
    };
    // Capture: Enter on the reason's closed list records the decision before the list would reopen.
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
