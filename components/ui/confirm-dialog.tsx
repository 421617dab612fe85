'use client';
/**
 * A confirmation dialog (Radix AlertDialog): focus starts on the cancel
 * button, the safe choice; Escape cancels; focus returns to what opened it;
 * the confirm button does not close it — the caller closes it once the work
 * succeeded, and shows `error` in it otherwise. While `pending`, it cannot be
 * dismissed.
 */
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactElement, ReactNode } from 'react';
import { Button } from './button';
import { useReturnFocus } from './use-return-focus';

type Props = {
  open: boolean;
  /** called with false on Escape, the cancel button or a click outside; never while pending */
  onDismiss: () => void;
  title: ReactNode;
  /** the body; one element (Radix gives it the dialog's description role) */
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
  const focus = useReturnFocus();
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next && !pending) onDismiss();
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/60" />
        <AlertDialog.Content
          {...focus}
          className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-2xl bg-white p-6 shadow-xl dark:bg-slate-800"
        >
          <AlertDialog.Title className="text-lg font-semibold text-slate-900 dark:text-white">
            {title}
          </AlertDialog.Title>
          <AlertDialog.Description asChild>{description}</AlertDialog.Description>
          <div
            role="alert"
            className="mt-3 text-sm font-medium text-red-700 empty:hidden dark:text-red-300"
          >
            {error}
          </div>
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={pending}>
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button
                variant={confirm.variant}
                pending={pending}
                pendingLabel={confirm.pendingLabel}
                onClick={(event) => {
                  // Radix closes on Action; the caller closes once the work is done.
                  event.preventDefault();
                  confirm.onClick();
                }}
              >
                {confirm.label}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
