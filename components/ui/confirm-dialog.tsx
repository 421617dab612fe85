'use client';
/**
 * A confirmation dialog on the browser's own modal `<dialog>` (showModal): the
 * rest of the page is inert while it is open, and the browser keeps focus
 * inside. Focus starts on the cancel button, the safe choice; Escape cancels;
 * focus returns to what opened it. The confirm button does not close it — the
 * caller closes it once the work succeeded, and shows `error` in it otherwise.
 * While `pending`, it cannot be dismissed. The native element replaces a
 * dialog library: the same behaviour for ~20 KB (gzip) less script on the
 * apps page (docs/performance.md).
 */
import { useId, useLayoutEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { Button } from './button';

type Props = {
  open: boolean;
  /** called on Escape or the cancel button; never while pending */
  onDismiss: () => void;
  title: ReactNode;
  /** the body; the dialog's accessible description */
  description: ReactElement;
  error: string | null;
  cancelLabel: string;
  confirm: {
    label: string;
    pendingLabel: string;
    variant: 'danger' | 'primary';
    onClick: () => void;
  };
  pending: boolean;
};

export function ConfirmDialog({
  open,
  onDismiss,
  title,
  description,
  error,
  cancelLabel,
  confirm,
  pending,
}: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  // In the commit itself, so the page is no longer inert when the caller's effects move focus.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current?.isConnected) opener.current.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      // Escape asks to cancel: the dialog closes through `open`, so it stays while pending.
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onDismiss();
      }}
      // The browser may close it without a cancelable event (a repeated Escape): follow `open`.
      onClose={() => {
        if (!open) return;
        if (pending) dialogRef.current?.showModal();
        else onDismiss();
      }}
      className="m-auto max-h-[90vh] w-[calc(100vw-2rem)] max-w-md overflow-y-auto rounded-2xl bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/60 dark:bg-slate-800 dark:text-slate-100"
    >
      {open && (
        <>
          <h2 id={titleId} className="text-lg font-semibold text-slate-900 dark:text-white">
            {title}
          </h2>
          <div id={descriptionId}>{description}</div>
          <div
            role="alert"
            className="mt-3 text-sm font-medium text-red-700 empty:hidden dark:text-red-300"
          >
            {error}
          </div>
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button ref={cancelRef} variant="secondary" disabled={pending} onClick={onDismiss}>
              {cancelLabel}
            </Button>
            <Button
              variant={confirm.variant}
              pending={pending}
              pendingLabel={confirm.pendingLabel}
              onClick={confirm.onClick}
            >
              {confirm.label}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
